import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import type { Incident } from '../../../domain/api/incidents.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ComboBox } from '../../ui/combo-box.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { grantAccess, listUsers, revokeAccess } from './api.ts';
import type { ChangeHandler } from './incident-handling.tsx';
import { failureText } from './incident-parts.tsx';
import { roleLabel } from './labels.ts';

/** Who has need-to-know: the people involved and those granted access, with the reason given. */
export function AccessPanel({ incident, onChanged }: { incident: Incident; onChanged: ChangeHandler }) {
  const t = useT();
  // One entry per person, with every way they are involved (reporter and affected, say).
  const byUser = new Map<string, { userId: string; name: string; roles: string[]; reasons: string[] }>();
  for (const p of incident.participants) {
    const entry = byUser.get(p.userId) ?? { userId: p.userId, name: p.name, roles: [], reasons: [] };
    entry.roles.push(p.role);
    if (p.reason) entry.reasons.push(p.reason);
    byUser.set(p.userId, entry);
  }
  const people = [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <section aria-labelledby="incident-access-heading" className="incident-section">
      <h2 id="incident-access-heading" tabIndex={-1}>
        {t('incidents.access.heading')}
      </h2>
      <p>{incident.needToKnow ? t('incidents.access.introNtk') : t('incidents.access.intro')}</p>
      {people.length === 0 ? (
        <p>{t('incidents.access.none')}</p>
      ) : (
        <ul className="incident-people">
          {people.map((p) => (
            <li key={p.userId} className="incident-people__item">
              <div>
                <p className="incident-people__name">
                  {p.name}{' '}
                  <span className="incident-cell__muted">
                    – {p.roles.map((r) => roleLabel(t, r)).join(', ')}
                  </span>
                </p>
                {p.reasons.map((reason) => (
                  <p key={reason} className="incident-cell__muted">
                    {t('incidents.access.reason', { reason })}
                  </p>
                ))}
              </div>
              {p.roles.includes('granted') && incident.can.grant ? (
                <RevokeButton incident={incident} userId={p.userId} name={p.name} onChanged={onChanged} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {incident.can.grant ? <GrantDialog incident={incident} onChanged={onChanged} /> : null}
    </section>
  );
}

function GrantDialog({ incident, onChanged }: { incident: Incident; onChanged: ChangeHandler }) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button>{t('incidents.access.grant')}</Button>
      <Dialog title={t('incidents.access.grantTitle')}>
        {(close) => <GrantForm incident={incident} onChanged={onChanged} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

function GrantForm({
  incident,
  onChanged,
  close,
}: {
  incident: Incident;
  onChanged: ChangeHandler;
  close: () => void;
}) {
  const t = useT();
  const users = useResource(listUsers, 'users');
  const [userId, setUserId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const already = new Set(incident.participants.map((p) => p.userId));
  const candidates = (users.data ?? []).filter((u) => !u.disabled && !already.has(u.id));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!userId || !reason.trim()) return;
    setSaving(true);
    setError(null);
    try {
      await grantAccess(incident.id, { userId, reason: reason.trim() });
      const name = candidates.find((u) => u.id === userId)?.name ?? '';
      close();
      onChanged((tr) => tr('incidents.access.granted', { name }), 'access');
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };

  return (
    <Form className="incident-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {users.status === 'error' ? <Alert tone="error">{failureText(t, users.error)}</Alert> : null}
      <p>{t('incidents.access.grantBody')}</p>
      <ComboBox
        label={t('incidents.access.person')}
        isRequired
        selectedKey={userId}
        onSelectionChange={(k) => setUserId(k === null ? null : String(k))}
        defaultItems={candidates}
        isInvalid={submitted && !userId}
        errorMessage={t('incidents.access.personRequired')}
      >
        {(u) => (
          <ListBoxItem id={u.id} textValue={`${u.name} ${u.email}`}>
            {`${u.name} (${u.email})`}
          </ListBoxItem>
        )}
      </ComboBox>
      <TextAreaField
        label={t('incidents.access.reasonLabel')}
        description={t('incidents.access.reasonHint')}
        isRequired
        value={reason}
        onChange={setReason}
        maxLength={1000}
        rows={3}
        isInvalid={submitted && !reason.trim()}
        errorMessage={t('incidents.reasonRequired')}
      />
      <div className="incident-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {t('incidents.access.grantSubmit')}
        </Button>
        <Button onPress={close}>{t('incidents.cancel')}</Button>
      </div>
    </Form>
  );
}

function RevokeButton({
  incident,
  userId,
  name,
  onChanged,
}: {
  incident: Incident;
  userId: string;
  name: string;
  onChanged: ChangeHandler;
}) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button variant="danger" aria-label={t('incidents.access.revokeLabel', { name })}>
        {t('incidents.access.revoke')}
      </Button>
      <Dialog title={t('incidents.access.revokeTitle', { name })} role="alertdialog">
        {(close) => (
          <RevokeBody incident={incident} userId={userId} name={name} onChanged={onChanged} close={close} />
        )}
      </Dialog>
    </DialogTrigger>
  );
}

function RevokeBody({
  incident,
  userId,
  name,
  onChanged,
  close,
}: {
  incident: Incident;
  userId: string;
  name: string;
  onChanged: ChangeHandler;
  close: () => void;
}) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const revoke = async () => {
    setSaving(true);
    try {
      await revokeAccess(incident.id, userId);
      close();
      onChanged((tr) => tr('incidents.access.revoked', { name }), 'access');
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };
  return (
    <div className="incident-form">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <p>{t('incidents.access.revokeBody', { name })}</p>
      <div className="incident-actions">
        <Button variant="danger" onPress={revoke} isDisabled={isSaving}>
          {t('incidents.access.revoke')}
        </Button>
        <Button onPress={close}>{t('incidents.cancel')}</Button>
      </div>
    </div>
  );
}
