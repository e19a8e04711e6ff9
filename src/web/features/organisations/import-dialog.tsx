import { useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import type { ImportOrganisationsResponse, ImportRowError } from '../../../domain/api/organisations.ts';
import { isApiError } from '../../api/client.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { IMPORT_TEMPLATE_URL, importOrganisations } from './api.ts';
import { errorMessage } from './format.ts';
import type { OnChanged } from './organisations-page.tsx';

type Outcome =
  | { kind: 'report'; report: ImportOrganisationsResponse }
  | { kind: 'invalid'; errors: ImportRowError[] }
  | { kind: 'error'; message: string };

/** "Importera från CSV": choose a file, check it (nothing written), then import it, with a per-row error report. */
export function ImportDialog({ onImported }: { onImported: OnChanged }) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button>{t('organisations.importButton')}</Button>
      <Dialog title={t('organisations.import.title')}>{() => <ImportForm onImported={onImported} />}</Dialog>
    </DialogTrigger>
  );
}

function ImportForm({ onImported }: { onImported: OnChanged }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isWorking, setWorking] = useState(false);
  const [missingFile, setMissingFile] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) {
      setMissingFile(true);
      return;
    }
    setWorking(true);
    setOutcome(null);
    try {
      const report = await importOrganisations(await file.text(), dryRun);
      setOutcome({ kind: 'report', report });
      if (!dryRun)
        onImported(
          t('organisations.import.done', {
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
          }),
        );
    } catch (e) {
      if (isApiError(e) && e.code === 'organisations.import_invalid' && Array.isArray(e.details))
        setOutcome({ kind: 'invalid', errors: e.details as ImportRowError[] });
      else setOutcome({ kind: 'error', message: errorMessage(t, e) });
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="org-form">
      <p>{t('organisations.import.intro')}</p>
      <p>
        <a href={IMPORT_TEMPLATE_URL} download="organisationer.csv">
          {t('organisations.import.template')}
        </a>
      </p>
      <div className="field">
        <span className="field__label" id="org-import-file-label">
          {t('organisations.import.file')}
        </span>
        <div className="org-import__file">
          <FileTrigger
            acceptedFileTypes={['text/csv', '.csv', 'text/plain']}
            onSelect={(files) => {
              setFile(files?.[0] ?? null);
              setMissingFile(false);
              setOutcome(null);
            }}
          >
            <Button aria-describedby="org-import-file-name">{t('organisations.import.chooseFile')}</Button>
          </FileTrigger>
          <span id="org-import-file-name">{file ? file.name : t('organisations.import.noFile')}</span>
        </div>
        {missingFile ? (
          <p className="field__error" role="alert">
            {t('organisations.import.fileRequired')}
          </p>
        ) : null}
      </div>
      <div className="org-form__actions">
        <Button onPress={() => void run(true)} isDisabled={isWorking}>
          {t('organisations.import.check')}
        </Button>
        <Button variant="primary" onPress={() => void run(false)} isDisabled={isWorking}>
          {isWorking ? t('organisations.import.working') : t('organisations.import.run')}
        </Button>
      </div>
      {outcome?.kind === 'report' ? (
        <Alert tone="success">
          {t(outcome.report.dryRun ? 'organisations.import.checked' : 'organisations.import.done', {
            created: outcome.report.created,
            updated: outcome.report.updated,
            unchanged: outcome.report.unchanged,
          })}
        </Alert>
      ) : null}
      {outcome?.kind === 'error' ? <Alert tone="error">{outcome.message}</Alert> : null}
      {outcome?.kind === 'invalid' ? (
        <>
          <Alert tone="error">{t('organisations.import.failed', { count: outcome.errors.length })}</Alert>
          <table className="org-areas">
            <caption className="visually-hidden">{t('organisations.import.errorsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organisations.import.line')}</th>
                <th scope="col">{t('organisations.import.column')}</th>
                <th scope="col">{t('organisations.import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.errors.map((e, i) => (
                <tr key={`${e.line}-${e.column ?? ''}-${i.toString()}`}>
                  <td>{e.line}</td>
                  <td>{e.column ?? ''}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
