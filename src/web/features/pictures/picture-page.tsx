import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useBlocker, useParams } from 'react-router';
import { ANALYSIS_KEYS, type Analysis, type Picture } from '../../../domain/api/pictures.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import {
  failureText,
  fetchPicture,
  fetchPictureFigures,
  fetchScopes,
  type UpdatePictureRequest,
  updatePicture,
} from './api.ts';
import { ExportMenu } from './export-menu.tsx';
import { PictureFiguresView } from './figures-view.tsx';
import { AreaChooser, type PeriodDraft, PeriodFields, periodErrors } from './picture-fields.tsx';
import { SnapshotPanel } from './snapshot-panel.tsx';
import './pictures.css';

interface Draft {
  title: string;
  period: PeriodDraft;
  areaIds: string[];
  analysis: Analysis;
  notes: string;
  extremismAnalysis: string | null;
}

function draftOf(p: Picture): Draft {
  return {
    title: p.title,
    period: {
      from: p.period.from,
      to: p.period.to,
      compareFrom: p.comparison.from,
      compareTo: p.comparison.to,
    },
    areaIds: [...p.areaIds],
    analysis: { ...p.analysis },
    notes: p.notes,
    extremismAnalysis: p.extremismAnalysis,
  };
}

const ANALYSIS_LABEL = {
  whereGreatest: ['pictures.analysis.whereGreatest', 'pictures.analysis.whereGreatestHelp'],
  comparedWith: ['pictures.analysis.comparedWith', 'pictures.analysis.comparedWithHelp'],
  trend: ['pictures.analysis.trend', 'pictures.analysis.trendHelp'],
  sourcesAndLimits: ['pictures.analysis.sourcesAndLimits', 'pictures.analysis.sourcesAndLimitsHelp'],
  conclusions: ['pictures.analysis.conclusions', 'pictures.analysis.conclusionsHelp'],
} as const;

/** /pictures/:id: one picture document with its live figures, analysis and snapshots. */
export function PicturePage() {
  const t = useT();
  const { id = '' } = useParams();
  const [reloads, setReloads] = useState(0);
  const picture = useResource((signal) => fetchPicture(id, signal), `${id}:${reloads}`);

  if (picture.status === 'error' && !picture.data)
    return (
      <>
        <PageHeading title={t('pictures.page.failed')} />
        <Alert tone="error" title={t('pictures.page.failed')}>
          <p>{failureText(t, picture.error)}</p>
          <Button onPress={picture.reload}>{t('pictures.retry')}</Button>
        </Alert>
        <p>
          <LinkButton href="/pictures">{t('pictures.page.back')}</LinkButton>
        </p>
      </>
    );
  if (!picture.data)
    return (
      <>
        <PageHeading title={t('pictures.page.loading')} />
        <ProgressBar label={t('pictures.page.loading')} isIndeterminate />
      </>
    );
  return (
    <PictureEditor key={picture.data.id} picture={picture.data} onReload={() => setReloads((n) => n + 1)} />
  );
}

/**
 * The editor. `picture` is the latest version read; when a newer one arrives (after a snapshot action or
 * "reload"), it replaces the form — unless there are unsaved changes that the user has not chosen to drop.
 */
function PictureEditor({ picture: initial, onReload }: { picture: Picture; onReload: () => void }) {
  const t = useT();
  const format = useFormat();
  const [saved, setSaved] = useState<Picture>(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<'saved' | 'conflict' | { error: unknown } | null>(null);
  const [snapshotsChanged, setSnapshotsChanged] = useState(0);
  const editable = saved.can.edit;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(saved));
  const scopes = useResource(fetchScopes, 'scopes');
  const figures = useResource(
    (signal) => fetchPictureFigures(saved.id, signal),
    `${saved.id}:${saved.revision}:${snapshotsChanged}`,
  );
  const conflictRef = useRef<HTMLDivElement>(null);
  /** Set when the user asks to drop their changes and load the server's version. */
  const discard = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a newly read version arrives
  useEffect(() => {
    if (initial === saved) return;
    if (!discard.current && JSON.stringify(draft) !== JSON.stringify(draftOf(saved))) return;
    discard.current = false;
    setSaved(initial);
    setDraft(draftOf(initial));
    setResult(null);
    setShowErrors(false);
  }, [initial]);
  const reloadDiscarding = () => {
    discard.current = true;
    onReload();
  };

  // Unsaved changes: ask before leaving within the app, and let the browser ask before unloading.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  useEffect(() => {
    if (result === 'conflict') conflictRef.current?.focus();
  }, [result]);

  const errors = periodErrors(draft.period, true);
  const titleMissing = draft.title.trim() === '';

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setShowErrors(true);
    if (!editable || titleMissing || Object.keys(errors).length > 0) return;
    setSaving(true);
    setResult(null);
    const body: UpdatePictureRequest = {
      revision: saved.revision,
      title: draft.title.trim(),
      areaIds: draft.areaIds,
      period: { from: draft.period.from, to: draft.period.to },
      comparison: { from: draft.period.compareFrom, to: draft.period.compareTo },
      analysis: draft.analysis,
      notes: draft.notes,
      ...(draft.extremismAnalysis !== null ? { extremismAnalysis: draft.extremismAnalysis } : {}),
    };
    try {
      const next = await updatePicture(saved.id, body);
      setSaved(next);
      setDraft(draftOf(next));
      setResult('saved');
    } catch (error) {
      setResult(isApiError(error) && error.status === 409 ? 'conflict' : { error });
    } finally {
      setSaving(false);
    }
  };

  const areaNames = (scopes.data?.areas ?? []).filter((a) => saved.areaIds.includes(a.id)).map((a) => a.name);

  const analysisPart = (
    <section className="picture-part" aria-labelledby="picture-analysis">
      <h2 id="picture-analysis">{t('pictures.analysis.heading')}</h2>
      <p>{t('pictures.analysis.intro')}</p>
      {ANALYSIS_KEYS.map((key) => (
        <TextAreaField
          key={key}
          label={t(ANALYSIS_LABEL[key][0])}
          description={t(ANALYSIS_LABEL[key][1])}
          value={draft.analysis[key]}
          onChange={(v) => setDraft((d) => ({ ...d, analysis: { ...d.analysis, [key]: v } }))}
          isReadOnly={!editable}
          rows={5}
          maxLength={20000}
        />
      ))}
    </section>
  );
  const notesPart = (
    <>
      <h3>{t('pictures.notes.heading')}</h3>
      <TextAreaField
        label={t('pictures.notes.label')}
        description={t('pictures.notes.help')}
        value={draft.notes}
        onChange={(v) => setDraft((d) => ({ ...d, notes: v }))}
        isReadOnly={!editable}
        rows={5}
        maxLength={20000}
      />
    </>
  );
  const extremismPart =
    draft.extremismAnalysis !== null ? (
      <TextAreaField
        label={t('pictures.extremism.analysisLabel')}
        description={t('pictures.extremism.analysisHelp')}
        value={draft.extremismAnalysis}
        onChange={(v) => setDraft((d) => ({ ...d, extremismAnalysis: v }))}
        isReadOnly={!editable}
        rows={5}
        maxLength={20000}
      />
    ) : undefined;

  return (
    <>
      <PageHeading title={saved.title} />
      <p className="picture-muted">
        {t('pictures.page.meta', {
          organisation: saved.organisation.name,
          year: saved.cycleYear,
          updated: format.dateTime(saved.updatedAt),
        })}
      </p>
      <p>
        <LinkButton href="/pictures" variant="quiet">
          {t('pictures.page.back')}
        </LinkButton>
      </p>
      {editable ? null : <Alert tone="info">{t('pictures.page.readOnly')}</Alert>}
      <div className="picture-actions">
        <ExportMenu target={{ kind: 'picture', id: saved.id }} />
      </div>
      <SnapshotPanel
        pictureId={saved.id}
        onChanged={() => {
          setSnapshotsChanged((n) => n + 1);
          onReload();
        }}
      />
      <form onSubmit={save} noValidate aria-labelledby="picture-settings-heading">
        <section className="picture-section" aria-labelledby="picture-settings-heading">
          <h2 id="picture-settings-heading">{t('pictures.page.settings')}</h2>
          <div className="picture-form">
            <TextField
              label={t('pictures.new.title')}
              value={draft.title}
              onChange={(v) => setDraft((d) => ({ ...d, title: v }))}
              isRequired
              isReadOnly={!editable}
              isInvalid={showErrors && titleMissing}
              errorMessage={t('pictures.new.required', {
                field: t('pictures.new.title').toLocaleLowerCase(),
              })}
            />
            <p>
              {saved.areaIds.length > 0
                ? t('pictures.page.scopeAreas', {
                    areas: areaNames.join(', ') || String(saved.areaIds.length),
                  })
                : t('pictures.page.scopeOrganisation')}
            </p>
            <PeriodFields
              value={draft.period}
              onChange={(period) => setDraft((d) => ({ ...d, period }))}
              showErrors={showErrors}
              isReadOnly={!editable}
              requireComparison
            />
            {scopes.data && editable ? (
              <AreaChooser
                legend={t('pictures.new.areas')}
                description={t('pictures.new.areasHelp')}
                areas={scopes.data.areas}
                selected={draft.areaIds}
                onChange={(areaIds) => setDraft((d) => ({ ...d, areaIds }))}
              />
            ) : null}
          </div>
        </section>

        <section className="picture-section" aria-labelledby="picture-figures-heading">
          <h2 id="picture-figures-heading" className="visually-hidden">
            {t('pictures.page.figuresHeading')}
          </h2>
          <p className="picture-muted">{t('pictures.page.figuresLive')}</p>
          {figures.status === 'loading' && !figures.data ? (
            <ProgressBar label={t('pictures.figures.loading')} isIndeterminate />
          ) : null}
          {figures.status === 'error' ? (
            <Alert tone="error" title={t('pictures.figures.failed')}>
              <p>{failureText(t, figures.error)}</p>
              <Button onPress={figures.reload}>{t('pictures.retry')}</Button>
            </Alert>
          ) : null}
          {figures.data ? (
            <PictureFiguresView
              figures={figures.data}
              notes={notesPart}
              analysis={analysisPart}
              extremismAnalysis={extremismPart}
            />
          ) : figures.status === 'error' ? (
            // Without figures the text can still be written; while they load it waits, so that the
            // fields do not move (and lose focus) when the figures arrive.
            <>
              {notesPart}
              {analysisPart}
              {extremismPart}
            </>
          ) : null}
        </section>

        {editable ? (
          <div className="picture-savebar">
            {result === 'conflict' ? (
              <Alert tone="error" title={t('pictures.page.saveFailed')} ref={conflictRef} tabIndex={-1}>
                <p>{t('pictures.page.conflict')}</p>
                <Button onPress={reloadDiscarding}>{t('pictures.page.reload')}</Button>
              </Alert>
            ) : null}
            {result && typeof result === 'object' ? (
              <Alert tone="error" title={t('pictures.page.saveFailed')}>
                <p>{failureText(t, result.error)}</p>
              </Alert>
            ) : null}
            <div className="picture-actions">
              <Button type="submit" variant="primary" isDisabled={saving}>
                {saving ? t('pictures.page.saving') : t('pictures.page.save')}
              </Button>
              <p role="status" className="picture-muted">
                {dirty ? t('pictures.page.unsaved') : result === 'saved' ? t('pictures.page.saved') : ''}
              </p>
            </div>
          </div>
        ) : null}
      </form>

      <Dialog
        title={t('pictures.page.leaveTitle')}
        role="alertdialog"
        isOpen={blocker.state === 'blocked'}
        onOpenChange={(open) => {
          if (!open && blocker.state === 'blocked') blocker.reset();
        }}
        actions={() => (
          <>
            <Button onPress={() => blocker.reset?.()}>{t('pictures.page.stay')}</Button>
            <Button variant="danger" onPress={() => blocker.proceed?.()}>
              {t('pictures.page.leave')}
            </Button>
          </>
        )}
      >
        <p>{t('pictures.page.leaveBody')}</p>
      </Dialog>
    </>
  );
}
