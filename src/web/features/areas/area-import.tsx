import { type FormEvent, useId, useRef, useState } from 'react';
import type { AreaImport, AreaImportPreview, AreaImportRequest } from '../../../domain/api/areas.ts';
import { isApiError } from '../../api/client.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { issueText, levelName } from './area-labels.ts';
import { commitAreaImport, previewAreaImport } from './areas-api.ts';

type Step =
  | { kind: 'form' }
  | { kind: 'previewing' }
  | { kind: 'preview'; request: AreaImportRequest; preview: AreaImportPreview }
  | { kind: 'importing'; request: AreaImportRequest; preview: AreaImportPreview }
  | { kind: 'done'; result: AreaImport };

function FileField({
  label,
  help,
  accept,
  onChange,
  required,
  errorMessage,
}: {
  label: string;
  help: string;
  accept: string;
  onChange: (file: File | null) => void;
  required?: boolean;
  errorMessage?: string | null;
}) {
  const id = useId();
  return (
    <div className="areas-import__file field">
      <label htmlFor={id} className="field__label">
        {label}
        {required ? (
          <span className="field__required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      <span id={`${id}-help`} className="field__description">
        {help}
      </span>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-describedby={`${id}-help${errorMessage ? ` ${id}-error` : ''}`}
        required={required}
        aria-invalid={errorMessage ? true : undefined}
        onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
      />
      {errorMessage ? (
        <span id={`${id}-error`} className="field__error">
          {errorMessage}
        </span>
      ) : null}
    </div>
  );
}

/** Administrators: upload a GeoJSON file (and parent CSV), see the preview with every problem, then import. */
export function AreaImportPanel({ onImported }: { onImported: () => void }) {
  const t = useT();
  const format = useFormat();
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<File | null>(null);
  const [level, setLevel] = useState('neighbourhood');
  const [nameProperty, setNameProperty] = useState('name');
  const [parentLevel, setParentLevel] = useState('district_area');
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const doneAlert = useRef<HTMLDivElement>(null);

  const describe = (reason: unknown) =>
    isApiError(reason) && reason.code === 'areas.import_changed'
      ? t('areas.import.changed')
      : t('areas.import.failed', { message: reason instanceof Error ? reason.message : String(reason) });

  async function onPreview(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!file) {
      setFileError(t('areas.import.fileRequired'));
      return;
    }
    setFileError(null);
    setStep({ kind: 'previewing' });
    try {
      const request: AreaImportRequest = {
        fileName: file.name,
        geojson: await file.text(),
        level: level.trim(),
        nameProperty: nameProperty.trim(),
        parentCsv: csv ? await csv.text() : null,
        parentFileName: csv ? csv.name : null,
        parentLevel: csv ? parentLevel.trim() : null,
      };
      const preview = await previewAreaImport(request);
      setStep({ kind: 'preview', request, preview });
      requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (reason) {
      setError(describe(reason));
      setStep({ kind: 'form' });
    }
  }

  async function onConfirm(request: AreaImportRequest, preview: AreaImportPreview) {
    setError(null);
    setStep({ kind: 'importing', request, preview });
    try {
      const result = await commitAreaImport({ ...request, previewToken: preview.token });
      setStep({ kind: 'done', result });
      onImported();
      requestAnimationFrame(() => doneAlert.current?.focus());
    } catch (reason) {
      setError(describe(reason));
      setStep({ kind: 'preview', request, preview });
    }
  }

  const busy = step.kind === 'previewing' || step.kind === 'importing';
  const shownPreview = step.kind === 'preview' || step.kind === 'importing' ? step : null;

  return (
    <section className="areas-import" aria-labelledby="areas-import-heading">
      <h2 id="areas-import-heading">{t('areas.import.heading')}</h2>
      <p>{t('areas.import.intro')}</p>
      {error ? (
        <Alert tone="error" title={t('areas.import.failedTitle')}>
          <p>{error}</p>
        </Alert>
      ) : null}

      {step.kind === 'done' ? (
        <Alert tone="success" title={t('areas.import.doneTitle')} ref={doneAlert} tabIndex={-1}>
          <p>
            {t('areas.import.done', {
              created: format.number(step.result.counts.created),
              updated: format.number(step.result.counts.updated),
              unchanged: format.number(step.result.counts.unchanged),
              parents: format.number(step.result.counts.parentsCreated),
            })}
          </p>
          <Button onPress={() => setStep({ kind: 'form' })}>{t('areas.import.startOver')}</Button>
        </Alert>
      ) : null}

      {step.kind === 'form' || step.kind === 'previewing' ? (
        <form className="areas-import__form" onSubmit={onPreview} noValidate>
          <FileField
            label={t('areas.import.file')}
            help={t('areas.import.fileHelp')}
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={setFile}
            required
            errorMessage={fileError}
          />
          <TextField label={t('areas.import.level')} value={level} onChange={setLevel} isRequired />
          <TextField
            label={t('areas.import.nameProperty')}
            value={nameProperty}
            onChange={setNameProperty}
            isRequired
          />
          <FileField
            label={t('areas.import.csv')}
            help={t('areas.import.csvHelp')}
            accept=".csv,text/csv"
            onChange={setCsv}
          />
          {csv ? (
            <TextField label={t('areas.import.parentLevel')} value={parentLevel} onChange={setParentLevel} />
          ) : null}
          <div className="areas-import__actions">
            <Button type="submit" variant="primary" isDisabled={busy}>
              {step.kind === 'previewing' ? t('areas.import.previewing') : t('areas.import.preview')}
            </Button>
          </div>
          {step.kind === 'previewing' ? (
            <ProgressBar label={t('areas.import.previewing')} isIndeterminate />
          ) : null}
        </form>
      ) : null}

      {shownPreview ? (
        <PreviewView
          preview={shownPreview.preview}
          headingRef={previewHeading}
          importing={step.kind === 'importing'}
          onConfirm={() => onConfirm(shownPreview.request, shownPreview.preview)}
          onCancel={() => setStep({ kind: 'form' })}
        />
      ) : null}
    </section>
  );
}

function PreviewView({
  preview,
  headingRef,
  importing,
  onConfirm,
  onCancel,
}: {
  preview: AreaImportPreview;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  importing: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const c = preview.counts;
  const n = (v: number) => format.number(v);
  return (
    <div className="areas-import">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('areas.import.previewHeading', { file: preview.fileName })}
      </h3>
      {preview.valid ? (
        <Alert tone="success" title={t('areas.import.validTitle')} role="none">
          <p>{t('areas.import.validBody')}</p>
        </Alert>
      ) : (
        <Alert tone="error" title={t('areas.import.invalidTitle', { count: n(c.errors) })} role="none">
          <p>{t('areas.import.invalidBody')}</p>
        </Alert>
      )}
      <p>
        {t('areas.import.summary', {
          features: n(c.features),
          create: n(c.create),
          update: n(c.update),
          unchanged: n(c.unchanged),
          invalid: n(c.invalid),
        })}
      </p>
      {preview.parentLevel ? (
        <p>
          {t('areas.import.parentsSummary', {
            parents: n(c.parents),
            level: levelName(t, preview.parentLevel),
            create: n(c.parentsCreate),
          })}
        </p>
      ) : null}
      {preview.municipality.create ? (
        <p>{t('areas.import.municipalityCreate', { name: preview.municipality.name })}</p>
      ) : null}

      {preview.issues.length > 0 ? (
        <Table aria-label={t('areas.import.issuesLabel')}>
          <TableHead>
            <TableColumn>{t('areas.import.colSeverity')}</TableColumn>
            <TableColumn isRowHeader>{t('areas.import.colFeature')}</TableColumn>
            <TableColumn>{t('areas.import.colLine')}</TableColumn>
            <TableColumn>{t('areas.import.colName')}</TableColumn>
            <TableColumn>{t('areas.import.colProblem')}</TableColumn>
          </TableHead>
          <TableBodyRows items={preview.issues.map((issue, i) => ({ ...issue, id: i }))}>
            {(issue) => (
              <TableRow id={issue.id}>
                <TableCell>
                  {issue.severity === 'error' ? t('areas.import.error') : t('areas.import.warning')}
                </TableCell>
                <TableCell>{issue.feature ?? '—'}</TableCell>
                <TableCell>{issue.line ?? '—'}</TableCell>
                <TableCell>{issue.name ?? '—'}</TableCell>
                <TableCell>{issueText(t, issue)}</TableCell>
              </TableRow>
            )}
          </TableBodyRows>
        </Table>
      ) : null}

      {preview.features.length > 0 ? (
        <details>
          <summary>{t('areas.import.featuresLabel')}</summary>
          <Table aria-label={t('areas.import.featuresLabel')}>
            <TableHead>
              <TableColumn>{t('areas.import.colFeature')}</TableColumn>
              <TableColumn isRowHeader>{t('areas.import.colName')}</TableColumn>
              <TableColumn>{t('areas.import.colParent')}</TableColumn>
              <TableColumn>{t('areas.import.colStatus')}</TableColumn>
              <TableColumn>{t('areas.import.colVertices')}</TableColumn>
            </TableHead>
            <TableBodyRows items={preview.features.map((f) => ({ ...f, id: f.number }))}>
              {(f) => (
                <TableRow id={f.id}>
                  <TableCell>{f.number}</TableCell>
                  <TableCell>{f.name ?? '—'}</TableCell>
                  <TableCell>{f.parentName ?? '—'}</TableCell>
                  <TableCell>{t(`areas.import.status.${f.status}`)}</TableCell>
                  <TableCell>{n(f.vertices)}</TableCell>
                </TableRow>
              )}
            </TableBodyRows>
          </Table>
        </details>
      ) : null}

      <div className="areas-import__actions">
        {preview.valid ? (
          <Button variant="primary" onPress={onConfirm} isDisabled={importing}>
            {importing ? t('areas.import.importing') : t('areas.import.confirm')}
          </Button>
        ) : null}
        <Button onPress={onCancel} isDisabled={importing}>
          {t('areas.import.startOver')}
        </Button>
      </div>
      {importing ? <ProgressBar label={t('areas.import.importing')} isIndeterminate /> : null}
    </div>
  );
}
