import { useEffect, useId, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import type { Task } from '../../../domain/api/pictures.ts';
import { isApiError } from '../../api/client.ts';
import { followTask } from '../../api/tasks.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { INTL_LOCALE } from '../../i18n/locale.ts';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Menu, MenuItem, MenuPopover, MenuTrigger } from '../../ui/menu.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { type PictureExportFormat, startPictureExport } from './export-api.ts';

/** What to export: a picture document's live figures, a frozen snapshot, or a live query (explore page). */
export type ExportTarget =
  | { kind: 'picture'; id: string }
  | { kind: 'snapshot'; id: string }
  | { kind: 'live'; query: Record<string, string> };

const FORMATS: PictureExportFormat[] = ['pdf', 'xlsx', 'csv', 'geojson', 'open_data'];
/** How often a running export is asked about (the server writes progress about four times a second). */

type State =
  | { phase: 'idle' }
  | { phase: 'starting'; format: PictureExportFormat }
  | { phase: 'running'; format: PictureExportFormat; task: Task }
  | { phase: 'done'; format: PictureExportFormat; task: Task }
  | { phase: 'failed'; format: PictureExportFormat; message: string };

function failureText(t: Translate, error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 0) return t('pictureExports.failed.network');
    if (error.status === 403) return t('pictureExports.failed.forbidden');
    if (error.status === 404) return t('pictureExports.failed.notFound');
    if (error.status === 400) return t('pictureExports.failed.invalid', { message: error.message });
    return error.message;
  }
  return t('pictureExports.failed.network');
}

function fileSize(bytes: number, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${nf.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} kB`;
  return `${nf.format(bytes / (1024 * 1024))} MB`;
}

/** Starts the browser's download of a finished export. */
function triggerDownload(url: string, fileName: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * A menu of export formats; a chosen export runs as a background task with progress, then
 * downloads. The state (progress, done, failed) is announced in a live region; the download link
 * stays for whoever missed the automatic download.
 */
export function ExportMenu({ target }: { target: ExportTarget }) {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const statusId = useId();
  const downloaded = useRef<string | null>(null);

  const start = async (format: PictureExportFormat) => {
    setState({ phase: 'starting', format });
    try {
      const task = await startPictureExport(target, format, locale);
      setState({ phase: task.status === 'succeeded' ? 'done' : 'running', format, task });
    } catch (error) {
      setState({ phase: 'failed', format, message: failureText(t, error) });
    }
  };

  // Follows a running task until it ends.
  const runningId = state.phase === 'running' ? state.task.id : null;
  const runningFormat = state.phase === 'running' || state.phase === 'starting' ? state.format : null;
  useEffect(() => {
    if (!runningId || !runningFormat) return;
    const controller = new AbortController();
    followTask(
      runningId,
      (task) => {
        if (task.status === 'queued' || task.status === 'running')
          setState({ phase: 'running', format: runningFormat, task });
      },
      controller.signal,
    ).then(
      (task) => {
        if (controller.signal.aborted) return;
        if (task.status === 'succeeded') setState({ phase: 'done', format: runningFormat, task });
        else
          setState({
            phase: 'failed',
            format: runningFormat,
            message: t('pictureExports.failed.task', { message: task.error?.message ?? '' }),
          });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ phase: 'failed', format: runningFormat, message: failureText(t, error) });
      },
    );
    return () => controller.abort();
  }, [runningId, runningFormat, t]);

  // A finished export downloads once by itself.
  useEffect(() => {
    if (state.phase !== 'done' || !state.task.download) return;
    if (downloaded.current === state.task.id) return;
    downloaded.current = state.task.id;
    triggerDownload(state.task.download.url, state.task.download.fileName);
  }, [state]);

  const busy = state.phase === 'starting' || state.phase === 'running';
  const formatName = (f: PictureExportFormat) => t(`pictureExports.short.${f}`);

  const onAction = (key: Key) => {
    if (FORMATS.includes(key as PictureExportFormat)) void start(key as PictureExportFormat);
  };

  const progress = state.phase === 'running' ? state.task.progress : null;
  return (
    <div className="export-menu" style={{ display: 'grid', gap: '0.5rem', justifyItems: 'start' }}>
      <MenuTrigger>
        <Button isDisabled={busy} aria-describedby={statusId}>
          {t('pictureExports.menu')}
          <span className="select__chevron" aria-hidden="true" />
        </Button>
        <MenuPopover placement="bottom start">
          <Menu aria-label={t('pictureExports.menuLabel')} onAction={onAction}>
            {FORMATS.map((f) => (
              <MenuItem key={f} id={f}>
                {t(`pictureExports.format.${f}`)}
              </MenuItem>
            ))}
          </Menu>
        </MenuPopover>
      </MenuTrigger>
      {/* The live region is always mounted, so what is put in it is announced. */}
      <div id={statusId} role="status" aria-live="polite" style={{ width: '100%' }}>
        {state.phase === 'starting' ? (
          <p>{t('pictureExports.starting', { format: formatName(state.format) })}</p>
        ) : null}
        {state.phase === 'running' ? (
          <ProgressBar
            label={t('pictureExports.progress', { format: formatName(state.format) })}
            {...(progress?.total
              ? { value: progress.done, maxValue: progress.total }
              : { isIndeterminate: true })}
          />
        ) : null}
        {state.phase === 'done' && state.task.download ? (
          <p>
            {t('pictureExports.done', {
              format: formatName(state.format),
              fileName: state.task.download.fileName,
              size: fileSize(state.task.download.size, INTL_LOCALE[locale]),
            })}{' '}
            <a href={state.task.download.url} download={state.task.download.fileName}>
              {t('pictureExports.download', { fileName: state.task.download.fileName })}
            </a>
          </p>
        ) : null}
      </div>
      {state.phase === 'failed' ? (
        <Alert tone="error" title={t('pictureExports.failed')}>
          <p>{state.message}</p>
          <div style={{ display: 'flex', gap: '0.5rem' }}>
            <Button onPress={() => void start(state.format)}>{t('pictureExports.retry')}</Button>
            <Button variant="quiet" onPress={() => setState({ phase: 'idle' })}>
              {t('pictureExports.dismiss')}
            </Button>
          </div>
        </Alert>
      ) : null}
    </div>
  );
}
