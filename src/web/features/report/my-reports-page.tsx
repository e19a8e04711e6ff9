import { type Ref, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { IncidentSummary } from '../../../domain/api/incidents.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useI18n } from '../../i18n/i18n-provider.tsx';
import { hasPermission, useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { listMyIncidents } from './api.ts';
import { loadFailure } from './failure.ts';
import { stateLabel, typeLabelOf } from './labels.ts';
import './report.css';
import { StateBadge } from './state-badge.tsx';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; items: IncidentSummary[]; nextCursor: string | null };

/** `/my-reports`: what I have reported or am involved in, newest first, with its state in words. */
export function MyReportsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [more, setMore] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  const [attempt, setAttempt] = useState(0);
  const firstNew = useRef<HTMLAnchorElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    setList({ status: 'loading' });
    listMyIncidents(null, controller.signal).then(
      (page) => setList({ status: 'ready', items: page.items, nextCursor: page.nextCursor }),
      (error: unknown) => {
        if (!controller.signal.aborted) setList({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    if (focusIndex !== null) firstNew.current?.focus();
  }, [focusIndex]);

  const loadMore = async () => {
    if (list.status !== 'ready' || !list.nextCursor || more.loading) return;
    setMore({ loading: true, error: null });
    try {
      const page = await listMyIncidents(list.nextCursor);
      const index = list.items.length;
      setList({ status: 'ready', items: [...list.items, ...page.items], nextCursor: page.nextCursor });
      setMore({ loading: false, error: null });
      // Keyboard users continue from the first newly loaded report.
      if (page.items.length > 0) setFocusIndex(index);
    } catch (error) {
      setMore({ loading: false, error });
    }
  };

  return (
    <div className="report-page">
      <PageHeading title={t('report.mine.title')} />
      <p>{t('report.mine.intro')}</p>
      {list.status === 'loading' ? <ProgressBar label={t('report.mine.loading')} isIndeterminate /> : null}
      {list.status === 'error' ? (
        <Alert tone="error" title={t('report.mine.loadFailed')}>
          <p>{loadFailure(t, list.error)}</p>
          <Button onPress={() => setAttempt((n) => n + 1)}>{t('report.retry')}</Button>
        </Alert>
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          title={t('report.mine.emptyTitle')}
          headingLevel={2}
          action={
            hasPermission(user, 'incidents.report') ? (
              <LinkButton href="/report" variant="primary">
                {t('report.mine.reportNow')}
              </LinkButton>
            ) : null
          }
        >
          <p>{t('report.mine.empty')}</p>
        </EmptyState>
      ) : null}
      {list.status === 'ready' && list.items.length > 0 ? (
        <>
          <p role="status">{t('report.mine.shown', { count: list.items.length })}</p>
          <ul className="report-list">
            {list.items.map((item, i) => (
              <ReportItem key={item.id} item={item} linkRef={i === focusIndex ? firstNew : undefined} />
            ))}
          </ul>
          {list.nextCursor ? (
            <Button onPress={loadMore}>
              {more.loading ? t('report.mine.loadingMore') : t('report.mine.loadMore')}
            </Button>
          ) : (
            <p className="report-muted">{t('report.mine.allShown')}</p>
          )}
          {more.error ? (
            <Alert tone="error">
              <p>{loadFailure(t, more.error)}</p>
            </Alert>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function ReportItem({ item, linkRef }: { item: IncidentSummary; linkRef?: Ref<HTMLAnchorElement> }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const place = item.facilityName ?? item.areaName;
  return (
    <li className="report-list__item">
      <div className="report-list__head">
        <Link
          to={`/my-reports/${item.id}`}
          ref={linkRef}
          className="report-list__link"
          // The visible type first (so speech input finds it), then what tells reports apart.
          aria-label={`${typeLabelOf(locale, item)}, ${item.reference}, ${stateLabel(t, item.state)}`}
        >
          {typeLabelOf(locale, item)}
        </Link>
        <StateBadge state={item.state} />
      </div>
      <p className="report-list__meta">
        {t('report.mine.meta', { reference: item.reference, at: format.dateTime(item.occurredAt) })}
        {place ? ` · ${place}` : ''}
      </p>
      {item.excerpt ? <p className="report-list__excerpt">{item.excerpt}</p> : null}
    </li>
  );
}
