import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Form, type Key, Link } from 'react-aria-components';
import type {
  ThreatCase,
  ThreatCaseOrganisation,
  ThreatWarning,
} from '../../../domain/api/threat-register.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Select } from '../../ui/select.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { deleteCase, failureText, invalidPaths, listMyCases, registerCase } from './api.ts';
import { ConfirmRemoval } from './confirm-removal.tsx';
import { useFormatDay, useTypeLabel } from './format.ts';
import './threats.css';

/**
 * `/threats`: a case worker registers the cases they handle by case reference and sees whether
 * threats against staff were recorded in the same case — the date and type, nothing more unless
 * the security coordinator grants access to the report.
 */
export function ThreatsPage() {
  const t = useT();
  const cases = useResource(listMyCases, 'cases');
  const [result, setResult] = useState<{ case: ThreatCase; isNew: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const organisations = cases.data?.organisations ?? [];
  const items = cases.data?.items ?? [];
  const warned = items.filter((c) => c.warnings.length > 0).length;

  return (
    <div className="threats-page">
      <div>
        <PageHeading title={t('threats.title')} />
        <p>{t('threats.intro')}</p>
        <p>{t('threats.privacy')}</p>
      </div>

      <section aria-labelledby="threats-check" className="threats-panel">
        <h2 id="threats-check">{t('threats.check.heading')}</h2>
        <CheckForm
          organisations={organisations}
          knownIds={items.map((c) => c.id)}
          isReady={cases.data !== null}
          onRegistered={(registered, isNew) => {
            setResult({ case: registered, isNew });
            setNotice(null);
            cases.reload();
          }}
        />
      </section>

      {result ? <CheckResult result={result.case} isNew={result.isNew} /> : null}

      <section aria-labelledby="threats-more">
        <h2 id="threats-more">{t('threats.more.heading')}</h2>
        <p>{t('threats.more.body')}</p>
        <Contacts organisations={organisations} />
        <p>{t('threats.more.safety')}</p>
      </section>

      <section aria-labelledby="threats-list">
        <h2 id="threats-list">{t('threats.list.heading')}</h2>
        {notice ? (
          <Alert tone="success" role="status">
            {notice}
          </Alert>
        ) : null}
        <p role="status">
          {cases.status === 'ready' && items.length > 0
            ? t('threats.list.count', { count: items.length, warned })
            : cases.status === 'loading'
              ? t('threats.list.loading')
              : ''}
        </p>
        {cases.status === 'loading' && !cases.data ? (
          <ProgressBar label={t('threats.list.loading')} hideLabel isIndeterminate />
        ) : null}
        {cases.status === 'error' ? (
          <Alert tone="error" title={t('threats.list.loadFailed')}>
            <p>{failureText(t, cases.error)}</p>
            <Button onPress={cases.reload}>{t('threats.list.retry')}</Button>
          </Alert>
        ) : null}
        {cases.status === 'ready' && items.length === 0 ? (
          <EmptyState title={t('threats.list.emptyTitle')}>
            <p>{t('threats.list.emptyBody')}</p>
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <ul className="threats-cases">
            {items.map((c) => (
              <CaseItem
                key={c.id}
                item={c}
                onRemoved={(message) => {
                  setNotice(message);
                  if (result?.case.id === c.id) setResult(null);
                  cases.reload();
                }}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

function CheckForm({
  organisations,
  knownIds,
  isReady,
  onRegistered,
}: {
  organisations: ThreatCaseOrganisation[];
  /** The cases already followed: registering one of them again updates it. */
  knownIds: string[];
  isReady: boolean;
  onRegistered: (c: ThreatCase, isNew: boolean) => void;
}) {
  const t = useT();
  const [reference, setReference] = useState('');
  const [label, setLabel] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [serverInvalid, setServerInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const choosesOrganisation = organisations.length > 1;
  const referenceMissing = reference.trim() === '';
  const organisationMissing = choosesOrganisation && !organisationId;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerInvalid(false);
    if (referenceMissing || organisationMissing) return;
    setSaving(true);
    setError(null);
    try {
      const registered = await registerCase({
        caseReference: reference,
        label: label.trim() || undefined,
        organisationId: choosesOrganisation ? organisationId! : undefined,
      });
      onRegistered(registered, !knownIds.includes(registered.id));
      setReference('');
      setLabel('');
      setSubmitted(false);
    } catch (e) {
      if (invalidPaths(e).includes('body.caseReference')) setServerInvalid(true);
      else setError(failureText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form className="threats-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField
        label={t('threats.field.reference')}
        description={t('threats.field.referenceHint')}
        isRequired
        value={reference}
        onChange={(v) => {
          setReference(v);
          setServerInvalid(false);
        }}
        maxLength={100}
        autoComplete="off"
        spellCheck="false"
        isInvalid={(submitted && referenceMissing) || serverInvalid}
        errorMessage={
          serverInvalid ? t('threats.field.referenceInvalid') : t('threats.field.referenceRequired')
        }
      />
      <TextField
        label={t('threats.field.label')}
        description={t('threats.field.labelHint')}
        value={label}
        onChange={setLabel}
        maxLength={100}
        autoComplete="off"
      />
      {choosesOrganisation ? (
        <Select
          label={t('threats.field.organisation')}
          isRequired
          selectedKey={organisationId}
          onSelectionChange={(key: Key | null) => setOrganisationId(key === null ? null : String(key))}
          isInvalid={submitted && organisationMissing}
          errorMessage={t('threats.field.organisationRequired')}
        >
          {organisations.map((o) => (
            <ListBoxItem key={o.id} id={o.id}>
              {o.name}
            </ListBoxItem>
          ))}
        </Select>
      ) : null}
      <div className="threats-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving || !isReady}>
          {isSaving ? t('threats.check.saving') : t('threats.check.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** What the check found, focused so that it is read out and the next step starts there. */
function CheckResult({ result, isNew }: { result: ThreatCase; isNew: boolean }) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus each new result
  useEffect(() => ref.current?.focus(), [result]);
  const warned = result.warnings.length > 0;
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="threats-result" className="threats-result">
      <h2 id="threats-result">{t('threats.result.heading')}</h2>
      <Alert
        tone={warned ? 'warning' : 'success'}
        title={warned ? t('threats.result.warningTitle') : t('threats.result.clearTitle')}
      >
        {warned ? <WarningList warnings={result.warnings} /> : <p>{t('threats.result.clearBody')}</p>}
        {isNew ? null : <p>{t('threats.result.updated')}</p>}
      </Alert>
    </section>
  );
}

function WarningList({ warnings }: { warnings: ThreatWarning[] }) {
  const t = useT();
  const day = useFormatDay();
  const typeLabel = useTypeLabel();
  return (
    <ul className="threats-warnings">
      {warnings.map((w) => (
        <li key={w.entryId}>
          <span>{t('threats.warning.line', { date: day(w.occurredOn), type: typeLabel(w) })}</span>
          {w.incidentId ? (
            <>
              {' '}
              <Link href={`/incidents/${w.incidentId}`} className="threats-link">
                {t('threats.warning.openReport', { date: day(w.occurredOn) })}
              </Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Contacts({ organisations }: { organisations: ThreatCaseOrganisation[] }) {
  const t = useT();
  if (organisations.length === 0) return null;
  return (
    <ul className="threats-contacts">
      {organisations.map((o) =>
        o.securityCoordinators.length === 0 ? (
          <li key={o.id}>{t('threats.more.none', { organisation: o.name })}</li>
        ) : (
          <li key={o.id}>
            {t('threats.more.contact', { organisation: o.name })}{' '}
            {o.securityCoordinators.map((c, i) => (
              <span key={c.email}>
                {i > 0 ? ', ' : null}
                {c.name} (<a href={`mailto:${c.email}`}>{c.email}</a>)
              </span>
            ))}
          </li>
        ),
      )}
    </ul>
  );
}

function CaseItem({ item, onRemoved }: { item: ThreatCase; onRemoved: (message: string) => void }) {
  const t = useT();
  const day = useFormatDay();
  const name = item.label ?? t('threats.case.untitled');
  const warned = item.warnings.length > 0;
  return (
    <li className={warned ? 'threats-case threats-case--warned' : 'threats-case'}>
      <h3 className="threats-case__title">{name}</h3>
      <p className="threats-case__meta">
        {t('threats.case.since', { organisation: item.organisationName, date: day(item.createdAt) })}
      </p>
      {warned ? <WarningList warnings={item.warnings} /> : <p>{t('threats.case.noWarnings')}</p>}
      <div className="threats-actions">
        <DialogTrigger>
          <Button aria-label={t('threats.case.removeLabel', { name })}>{t('threats.case.remove')}</Button>
          <Dialog title={t('threats.case.removeTitle')} role="alertdialog">
            {(close) => (
              <ConfirmRemoval
                body={t('threats.case.removeBody')}
                confirmLabel={t('threats.case.remove')}
                remove={() => deleteCase(item.id)}
                removedMessage={t('threats.case.removed')}
                onRemoved={onRemoved}
                close={close}
              />
            )}
          </Dialog>
        </DialogTrigger>
      </div>
    </li>
  );
}
