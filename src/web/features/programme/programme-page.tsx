import { useCallback, useEffect, useState } from 'react';
import type { ProgrammeOverview } from '../../../domain/api/programme.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { ProgrammeAdmin } from './programme-admin.tsx';
import { getProgrammeOverview } from './programme-api.ts';
import { formatDay, ProgrammeContent, useText, VersionHistory } from './programme-content.tsx';
import './programme.css';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; overview: ProgrammeOverview };

/** `/programme`: the programme in force for every signed-in user; administrators also draft and adopt. */
export function ProgrammePage() {
  const t = useT();
  const { locale } = useI18n();
  const text = useText();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    // A refresh after a change keeps the page as it is until the new answer arrives.
    setLoad((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    getProgrammeOverview(controller.signal).then(
      (overview) => setLoad({ status: 'ready', overview }),
      () => {
        if (!controller.signal.aborted) setLoad({ status: 'error' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const onChanged = useCallback((message: string) => {
    setAnnouncement(message);
    setAttempt((n) => n + 1);
  }, []);

  const inForce = load.status === 'ready' ? load.overview.inForce : null;

  return (
    <>
      <PageHeading title={t('programme.title')} />
      <p>{t('programme.intro')}</p>
      {/* One live region, always present, so confirmations are announced reliably. */}
      <p role="status" className={announcement ? 'programme-announcement' : 'visually-hidden'}>
        {announcement}
      </p>

      {load.status === 'loading' ? <ProgressBar label={t('programme.loading')} isIndeterminate /> : null}
      {load.status === 'error' ? (
        <Alert tone="error" title={t('programme.loadError')}>
          <Button onPress={() => setAttempt((n) => n + 1)}>{t('programme.retry')}</Button>
        </Alert>
      ) : null}

      {load.status === 'ready' ? (
        <>
          {inForce ? (
            <div className="programme-in-force">
              <p className="programme-in-force__title">
                {text(inForce.title)}
                {inForce.isDemo ? (
                  <span className="badge programme-demo">{t('programme.demoBadge')}</span>
                ) : null}
              </p>
              <p>
                {t('programme.inForceSince', {
                  date: formatDay(inForce.adoptedOn ?? '', locale),
                  reference: inForce.decisionReference ?? '',
                })}
                {inForce.replaces ? ` ${t('programme.replacesNote', { label: inForce.replaces.label })}` : ''}
              </p>
              {inForce.summary ? <p>{text(inForce.summary)}</p> : null}
              {inForce.isDemo ? <p className="programme-muted">{t('programme.demoNote')}</p> : null}
            </div>
          ) : (
            <EmptyState title={t('programme.emptyTitle')} headingLevel={2}>
              <p>{t('programme.emptyBody')}</p>
            </EmptyState>
          )}
          <ProgrammeAdmin overview={load.overview} onChanged={onChanged} />
          {inForce ? <ProgrammeContent version={inForce} /> : null}
          {load.overview.versions.length > 0 ? <VersionHistory versions={load.overview.versions} /> : null}
        </>
      ) : null}
    </>
  );
}
