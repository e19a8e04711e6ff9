import { Link } from 'react-aria-components';
import { useParams } from 'react-router';
import { ANALYSIS_KEYS, type Snapshot } from '../../../domain/api/pictures.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { ExportMenu } from './export-menu.tsx';
import { PictureFiguresView } from './figures-view.tsx';
import { fetchSnapshot, snapshotFailureText } from './snapshot-api.ts';
import { snapshotStatusLabel } from './snapshot-panel.tsx';
import './snapshots.css';

/** /pictures/snapshots/:id: one frozen snapshot — its figures as frozen, its analysis and notes. */
export function SnapshotPage() {
  const t = useT();
  const { id = '' } = useParams();
  const snapshot = useResource((signal) => fetchSnapshot(id, signal), `snapshot:${id}`);

  if (!snapshot.data) {
    return (
      <div className="snapshot-page">
        <PageHeading
          title={
            snapshot.status === 'error' ? snapshotFailureText(t, snapshot.error) : t('snapshots.page.loading')
          }
        />
        {snapshot.status === 'error' ? (
          <Alert tone="error">
            <p>{snapshotFailureText(t, snapshot.error)}</p>
            <Button onPress={snapshot.reload}>{t('snapshots.retry')}</Button>
          </Alert>
        ) : (
          <p role="status">{t('snapshots.page.loading')}</p>
        )}
      </div>
    );
  }
  return <SnapshotView snapshot={snapshot.data} />;
}

function SnapshotView({ snapshot: s }: { snapshot: Snapshot }) {
  const t = useT();
  const format = useFormat();
  const figures = { ...s.figures, extremism: s.extremism };
  const text = (value: string) =>
    value.trim() ? <p className="snapshot-text">{value}</p> : <p>{t('snapshots.page.empty')}</p>;

  return (
    <div className="snapshot-page">
      <PageHeading title={t('snapshots.page.title', { title: s.title, version: s.version })} />
      <p className="snapshot-links">
        <Link href={`/pictures/${s.pictureId}`}>{t('snapshots.page.toPicture')}</Link>
        {' · '}
        <Link href={`/pictures/cycle?year=${s.cycleYear}`}>{t('snapshots.page.toCycle')}</Link>
      </p>
      <section aria-labelledby="snapshot-facts-heading">
        <h2 id="snapshot-facts-heading">{t('snapshots.page.facts')}</h2>
        <dl className="snapshot-facts">
          <dt>{t('snapshots.page.organisation')}</dt>
          <dd>{s.organisation.name}</dd>
          <dt>{t('snapshots.page.cycleYear')}</dt>
          <dd>{s.cycleYear}</dd>
          <dt>{t('snapshots.page.version')}</dt>
          <dd>{s.version}</dd>
          <dt>{t('snapshots.page.status')}</dt>
          <dd>
            <span className={`snapshot-badge snapshot-badge--${s.status}`}>
              {snapshotStatusLabel(t, s.status)}
            </span>
          </dd>
          <dt>{t('snapshots.page.frozenAt')}</dt>
          <dd>{byWhom(t, format, s.frozenAt, s.frozenBy)}</dd>
          {s.signedAt ? (
            <>
              <dt>{t('snapshots.page.signedAt')}</dt>
              <dd>{byWhom(t, format, s.signedAt, s.signedBy)}</dd>
            </>
          ) : null}
          {s.submittedAt ? (
            <>
              <dt>{t('snapshots.page.submittedAt')}</dt>
              <dd>{byWhom(t, format, s.submittedAt, s.submittedBy)}</dd>
            </>
          ) : null}
        </dl>
        <p>{t('snapshots.page.frozenNote')}</p>
      </section>
      <div>
        <ExportMenu target={{ kind: 'snapshot', id: s.id }} />
      </div>
      <PictureFiguresView
        figures={figures}
        notes={
          <>
            <h3>{t('snapshots.page.notes')}</h3>
            {s.notes.trim() ? (
              <p className="snapshot-text">{s.notes}</p>
            ) : (
              <p>{t('snapshots.page.noNotes')}</p>
            )}
          </>
        }
        analysis={
          <section aria-labelledby="snapshot-analysis-heading">
            <h2 id="snapshot-analysis-heading">{t('snapshots.page.analysis')}</h2>
            {ANALYSIS_KEYS.map((key) => (
              <div key={key}>
                <h3>{t(`snapshots.analysis.${key}`)}</h3>
                {text(s.analysis[key])}
              </div>
            ))}
          </section>
        }
        extremismAnalysis={
          s.extremism ? (
            <>
              <h3>{t('snapshots.page.extremism')}</h3>
              {text(s.extremism.analysis)}
            </>
          ) : undefined
        }
      />
    </div>
  );
}

function byWhom(
  t: ReturnType<typeof useT>,
  format: ReturnType<typeof useFormat>,
  at: string,
  name: string | null,
): string {
  return name ? t('snapshots.byWhom', { date: format.dateTime(at), name }) : format.dateTime(at);
}
