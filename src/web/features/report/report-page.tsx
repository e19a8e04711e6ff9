import { useEffect, useState } from 'react';
import type { Receipt } from '../../../domain/api/incidents.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import { useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { deleteUpload, fetchTaxonomy } from './api.ts';
import { clearDraft, emptyDraft, loadDraft, type ReportDraft, saveDraft } from './draft.ts';
import { ReceiptView } from './receipt.tsx';
import { ReportForm } from './report-form.tsx';
import './report.css';
import { useResource } from '../../ui/use-resource.ts';
import { loadFailure } from './failure.ts';

/** `/report`: the two-minute report, kept as a draft on the device until it is sent. */
export function ReportPage() {
  const t = useT();
  const { user } = useSession();
  const userId = user?.id ?? 'anonymous';
  const taxonomy = useResource(fetchTaxonomy, 'taxonomy');
  const [restored] = useState(() => loadDraft(userId));
  const [draft, setDraft] = useState<ReportDraft>(() => restored ?? emptyDraft());
  const [restoredNotice, setRestoredNotice] = useState(restored !== null);
  const [sent, setSent] = useState<{ receipt: Receipt; injury: boolean } | null>(null);
  // A new form after "report another" gets a fresh key, so every field starts over.
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    if (!sent) saveDraft(userId, draft);
  }, [userId, draft, sent]);

  const discard = () => {
    for (const upload of draft.uploads) deleteUpload(upload.id).catch(() => undefined);
    clearDraft(userId);
    setDraft(emptyDraft());
    setRestoredNotice(false);
    setFormKey((k) => k + 1);
  };

  const onSent = (receipt: Receipt, sentDraft: ReportDraft) => {
    clearDraft(userId);
    setSent({ receipt, injury: sentDraft.injury });
    setRestoredNotice(false);
  };

  const another = () => {
    setSent(null);
    setDraft(emptyDraft());
    setFormKey((k) => k + 1);
  };

  return (
    <div className="report-page">
      <PageHeading title={t('report.title')} />
      {sent ? (
        <ReceiptView receipt={sent.receipt} injury={sent.injury} onAnother={another} />
      ) : (
        <>
          <p>{t('report.intro')}</p>
          {restoredNotice ? (
            <Alert tone="info" title={t('report.draft.restoredTitle')}>
              <p>{t('report.draft.restored')}</p>
              <div className="report-actions">
                <Button onPress={() => setRestoredNotice(false)}>{t('report.draft.keep')}</Button>
                <Button variant="danger" onPress={discard}>
                  {t('report.draft.discard')}
                </Button>
              </div>
            </Alert>
          ) : null}
          {taxonomy.status === 'loading' && !taxonomy.data ? (
            <ProgressBar label={t('report.loadingTypes')} isIndeterminate />
          ) : null}
          {taxonomy.status === 'error' && !taxonomy.data ? (
            <Alert tone="error" title={t('report.loadTypesFailed')}>
              <p>{loadFailure(t, taxonomy.error)}</p>
              <Button onPress={taxonomy.reload}>{t('report.retry')}</Button>
            </Alert>
          ) : null}
          {taxonomy.data ? (
            <ReportForm
              key={formKey}
              taxonomy={taxonomy.data}
              draft={draft}
              onDraftChange={setDraft}
              onSent={onSent}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
