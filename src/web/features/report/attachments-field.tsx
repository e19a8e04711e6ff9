import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import type { Upload } from '../../../domain/api/incidents.ts';
import { isApiError } from '../../api/client.ts';
import { useFormat, useI18n } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Button } from '../../ui/button.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { deleteUpload, type UploadHandle, uploadFile } from './api.ts';

/**
 * The server's defaults (TRYGG_ATTACHMENT_MAX_BYTES / _MAX_COUNT). Checked here only to save a slow
 * upload that would be refused; the server checks again with its own settings and sniffs the content.
 */
export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_COUNT = 5;
const TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
]);
const EXTENSIONS = /\.(jpe?g|png|gif|webp|heic|heif|pdf)$/i;

interface Pending {
  key: string;
  file: File;
  progress: number;
  status: 'uploading' | 'failed';
  error: string | null;
  handle: UploadHandle | null;
}

function preCheck(t: Translate, file: File, count: number): string | null {
  if (count >= MAX_COUNT) return t('report.files.tooMany', { max: MAX_COUNT });
  if (!(TYPES.has(file.type) || (file.type === '' && EXTENSIONS.test(file.name))))
    return t('report.files.wrongType');
  if (file.size > MAX_BYTES) return t('report.files.tooLarge', { max: Math.round(MAX_BYTES / 1024 / 1024) });
  if (file.size === 0) return t('report.files.empty');
  return null;
}

function uploadError(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('report.files.failed');
  if (error.status === 413) return t('report.files.tooLarge', { max: Math.round(MAX_BYTES / 1024 / 1024) });
  if (error.code === 'incidents.attachment_type' || error.status === 415) return t('report.files.notSniffed');
  if (error.code === 'incidents.attachment_empty') return t('report.files.empty');
  if (error.code.includes('count') || error.code.includes('too_many'))
    return t('report.files.tooMany', { max: MAX_COUNT });
  if (error.status === 0) return t('report.files.network');
  return t('report.files.failed');
}

/** Images and PDFs: each uploads as soon as it is chosen, with its progress, and can be removed. */
export function AttachmentsField({
  uploads,
  onUploaded,
  onRemoved,
  onPendingChange,
  error,
}: {
  uploads: Upload[];
  onUploaded: (upload: Upload) => void;
  onRemoved: (id: string) => void;
  onPendingChange: (uploading: number) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const inputId = useId();
  const hintId = useId();
  const [pending, setPending] = useState<Pending[]>([]);
  const [notice, setNotice] = useState('');
  const counter = useRef(0);
  const uploading = pending.filter((p) => p.status === 'uploading').length;

  const pendingRef = useRef(pending);
  pendingRef.current = pending;

  useEffect(() => onPendingChange(uploading), [uploading, onPendingChange]);
  // Leaving the page cancels what is still on its way.
  useEffect(
    () => () => {
      for (const p of pendingRef.current) p.handle?.abort();
    },
    [],
  );

  const update = (key: string, change: Partial<Pending>) =>
    setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const start = (key: string, file: File) => {
    const handle = uploadFile(file, (fraction) => update(key, { progress: fraction }));
    update(key, { status: 'uploading', progress: 0, error: null, handle });
    handle.promise.then(
      (upload) => {
        setPending((list) => list.filter((p) => p.key !== key));
        onUploaded(upload);
        setNotice(t('report.files.uploaded', { name: upload.fileName }));
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        const message = uploadError(t, err);
        update(key, { status: 'failed', error: message, handle: null });
        setNotice(t('report.files.failedNamed', { name: file.name, reason: message }));
      },
    );
  };

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    let count = uploads.length + pending.length;
    const added: Pending[] = [];
    for (const file of files) {
      const key = `f${++counter.current}`;
      const problem = preCheck(t, file, count);
      added.push({
        key,
        file,
        progress: 0,
        status: problem ? 'failed' : 'uploading',
        error: problem,
        handle: null,
      });
      if (!problem) count++;
    }
    setPending((list) => [...list, ...added]);
    for (const p of added) if (!p.error) start(p.key, p.file);
    const refused = added.filter((p) => p.error);
    if (refused.length > 0)
      setNotice(
        refused.map((p) => t('report.files.failedNamed', { name: p.file.name, reason: p.error! })).join(' '),
      );
  };

  const removePending = (p: Pending) => {
    p.handle?.abort();
    setPending((list) => list.filter((x) => x.key !== p.key));
    setNotice(t('report.files.removed', { name: p.file.name }));
  };

  const removeUploaded = (upload: Upload) => {
    onRemoved(upload.id);
    setNotice(t('report.files.removed', { name: upload.fileName }));
    // Best effort: an upload left behind is swept by the server after a day.
    deleteUpload(upload.id).catch(() => undefined);
  };

  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? t('report.files.sizeMb', { size: format.number(bytes / 1024 / 1024, { maximumFractionDigits: 1 }) })
      : t('report.files.sizeKb', { size: format.number(Math.max(1, Math.round(bytes / 1024))) });

  return (
    <div className="report-files" id="report-field-attachments">
      <p className="field__label" id={`${inputId}-label`}>
        {t('report.files.label')}
      </p>
      <p className="field__description" id={hintId}>
        {t('report.files.hint', { max: MAX_COUNT, size: Math.round(MAX_BYTES / 1024 / 1024) })}
      </p>
      <input
        id={inputId}
        type="file"
        multiple
        accept="image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,application/pdf,.heic,.heif"
        className="report-files__input"
        aria-describedby={hintId}
        onChange={onFiles}
      />
      <label htmlFor={inputId} className="button button--secondary report-files__button">
        {t('report.files.choose')}
      </label>
      {error ? <p className="field__error">{error}</p> : null}
      {uploads.length + pending.length > 0 ? (
        <ul className="report-files__list" aria-label={t('report.files.listLabel')}>
          {uploads.map((u) => (
            <li key={u.id} className="report-files__item">
              <span className="report-files__name">{u.fileName}</span>
              <span className="report-muted">
                {size(u.sizeBytes)} · {t('report.files.done')}
              </span>
              <Button
                variant="quiet"
                onPress={() => removeUploaded(u)}
                aria-label={t('report.files.removeNamed', { name: u.fileName })}
              >
                {t('report.files.remove')}
              </Button>
            </li>
          ))}
          {pending.map((p) => (
            <li key={p.key} className="report-files__item">
              <span className="report-files__name">{p.file.name}</span>
              {p.status === 'uploading' ? (
                <ProgressBar
                  label={t('report.files.uploading', { name: p.file.name })}
                  hideLabel
                  value={Math.round(p.progress * 100)}
                />
              ) : (
                <span className="field__error">{p.error}</span>
              )}
              <span className="report-actions">
                {p.status === 'failed' && !preCheck(t, p.file, 0) ? (
                  <Button
                    variant="quiet"
                    onPress={() => start(p.key, p.file)}
                    aria-label={t('report.files.retryNamed', { name: p.file.name })}
                  >
                    {t('report.files.retry')}
                  </Button>
                ) : null}
                <Button
                  variant="quiet"
                  onPress={() => removePending(p)}
                  aria-label={
                    p.status === 'uploading'
                      ? t('report.files.cancelNamed', { name: p.file.name })
                      : t('report.files.removeNamed', { name: p.file.name })
                  }
                >
                  {p.status === 'uploading' ? t('report.files.cancel') : t('report.files.remove')}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p role="status" className="visually-hidden">
        {notice}
      </p>
    </div>
  );
}
