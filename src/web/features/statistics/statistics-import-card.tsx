import { useEffect, useId, useRef, useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import type { Task } from '../../../domain/api/pictures.ts';
import type {
  StatisticsCsvKindName,
  StatisticsImportErrorDetails,
  StatisticsImportResult,
} from '../../../domain/api/statistics-imports.ts';
import { isApiError } from '../../api/client.ts';
import { followTask } from '../../api/tasks.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { startStatisticsImport, templateUrl } from './statistics-api.ts';

type Outcome =
  | { kind: 'done'; file: string; result: StatisticsImportResult }
  | { kind: 'invalid'; file: string; details: StatisticsImportErrorDetails }
  | { kind: 'error'; message: string };

const isDetails = (d: unknown): d is StatisticsImportErrorDetails =>
  typeof d === 'object' && d !== null && Array.isArray((d as { errors?: unknown }).errors);

/** One kind of statistics: its format, template, file chooser, import with progress, and the outcome. */
export function StatisticsImportCard({
  kind,
  onImported,
}: {
  kind: StatisticsCsvKindName;
  /** Called when an import finished (either way), so history and coverage can be fetched again. */
  onImported: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const id = useId();
  const kindName = t(`statistics.kind.${kind}`);
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [task, setTask] = useState<Task | null>(null);
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const run = async () => {
    if (!file) {
      setMissingFile(true);
      return;
    }
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setWorking(true);
    setOutcome(null);
    setTask(null);
    const fileName = file.name;
    try {
      const started = await startStatisticsImport(kind, await file.text(), fileName);
      setTask(started);
      const finished = await followTask(started.id, setTask, controller.signal);
      if (finished.status === 'succeeded')
        setOutcome({ kind: 'done', file: fileName, result: finished.result as StatisticsImportResult });
      else if (finished.error?.code === 'statistics.import_invalid' && isDetails(finished.error.details))
        setOutcome({ kind: 'invalid', file: fileName, details: finished.error.details });
      else setOutcome({ kind: 'error', message: finished.error?.message ?? '' });
      onImported();
    } catch (e) {
      if (controller.signal.aborted) return;
      setOutcome({ kind: 'error', message: isApiError(e) ? e.message : String(e) });
    } finally {
      if (!controller.signal.aborted) {
        setWorking(false);
        setTask(null);
      }
    }
  };

  const stage = task?.progress.stage ?? 'queued';
  const stageLabel =
    stage === 'validating' || stage === 'writing'
      ? t(`statistics.stage.${stage}`)
      : t('statistics.stage.queued');
  const day = (d: string | null) => (d ? format.date(d) : '–');

  return (
    <section className="statistics-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="statistics-card__title">
        {kindName}
      </h3>
      <p>{t(`statistics.format.${kind}`)}</p>
      <p>
        <a href={templateUrl(kind)} download={`${kind.replace('_', '-')}-template.csv`}>
          {t('statistics.template', { kind: kindName.toLocaleLowerCase() })}
        </a>
      </p>
      <div className="field">
        <span className="field__label" id={`${id}-file-label`}>
          {t('statistics.fileLabel')}
        </span>
        <div className="statistics-card__file">
          <FileTrigger
            acceptedFileTypes={['text/csv', '.csv', 'text/plain']}
            onSelect={(files) => {
              setFile(files?.[0] ?? null);
              setMissingFile(false);
              setOutcome(null);
            }}
          >
            <Button aria-describedby={`${id}-file-label ${id}-file-name`} isDisabled={working}>
              {t('statistics.chooseFile')}
            </Button>
          </FileTrigger>
          <span id={`${id}-file-name`}>{file ? file.name : t('statistics.noFile')}</span>
        </div>
        {missingFile ? (
          <p className="field__error" role="alert">
            {t('statistics.fileRequired')}
          </p>
        ) : null}
      </div>
      <div>
        <Button variant="primary" onPress={() => void run()} isDisabled={working}>
          {working ? t('statistics.working') : t('statistics.import', { kind: kindName.toLocaleLowerCase() })}
        </Button>
      </div>
      {working ? (
        <ProgressBar
          label={`${t('statistics.progressLabel', { kind: kindName.toLocaleLowerCase() })}: ${stageLabel}`}
          minValue={0}
          maxValue={task?.progress.total || 1}
          value={task?.progress.total ? task.progress.done : 0}
          isIndeterminate={!task?.progress.total}
        />
      ) : null}
      {outcome?.kind === 'done' ? (
        <Alert tone="success" title={t('statistics.doneTitle')}>
          {t('statistics.done', {
            file: outcome.file,
            rows: format.number(outcome.result.rows),
            created: format.number(outcome.result.created),
            updated: format.number(outcome.result.updated),
            unchanged: format.number(outcome.result.unchanged),
            from: day(outcome.result.coverageFrom),
            to: day(outcome.result.coverageTo),
          })}
        </Alert>
      ) : null}
      {outcome?.kind === 'error' ? (
        <Alert tone="error" title={t('statistics.failedTitle')}>
          {t('statistics.failedOther', { message: outcome.message })}
        </Alert>
      ) : null}
      {outcome?.kind === 'invalid' ? (
        <>
          <Alert tone="error" title={t('statistics.failedTitle')}>
            <p>{t('statistics.failedRows', { count: format.number(outcome.details.errorCount) })}</p>
            {outcome.details.errorCount > outcome.details.errors.length ? (
              <p>
                {t('statistics.failedMore', {
                  shown: format.number(outcome.details.errors.length),
                  count: format.number(outcome.details.errorCount),
                })}
              </p>
            ) : null}
          </Alert>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">
                {t('statistics.errorsCaption', { file: outcome.file })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="table__column">
                    {t('statistics.line')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('statistics.column')}
                  </th>
                  <th scope="col" className="table__column">
                    {t('statistics.problem')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {outcome.details.errors.map((e, i) => (
                  <tr key={`${e.line}-${e.column ?? ''}-${i.toString()}`} className="table__row">
                    <td className="table__cell">{e.line}</td>
                    <td className="table__cell">{e.column ?? ''}</td>
                    <td className="table__cell">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
