import { type FormEvent, useState } from 'react';
import { Form, type Key } from 'react-aria-components';
import type { Incident, IncidentState } from '../../../domain/api/incidents.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button, type ButtonVariant } from '../../ui/button.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Select } from '../../ui/select.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { assignIncident, listAssignableUsers, transitionIncident } from './api.ts';
import { failureText, StateBadge } from './incident-parts.tsx';
import { stateLabel } from './labels.ts';

/** What the handler can do next from each state; closing and reopening ask for a reason. */
interface Step {
  to: IncidentState;
  label: (t: Translate) => string;
  done: (t: Translate) => string;
  variant: ButtonVariant;
  reason?: 'close' | 'reopen';
}

const START: Step = {
  to: 'investigating',
  label: (t) => t('incidents.action.start'),
  done: (t) => t('incidents.action.startDone'),
  variant: 'primary',
};
const MEASURES: Step = {
  to: 'measures_decided',
  label: (t) => t('incidents.action.measures'),
  done: (t) => t('incidents.action.measuresDone'),
  variant: 'primary',
};
const CLOSE: Step = {
  to: 'closed',
  label: (t) => t('incidents.action.close'),
  done: (t) => t('incidents.action.closeDone'),
  variant: 'danger',
  reason: 'close',
};
const REOPEN: Step = {
  to: 'investigating',
  label: (t) => t('incidents.action.reopen'),
  done: (t) => t('incidents.action.reopenDone'),
  variant: 'secondary',
  reason: 'reopen',
};

const STEPS: Record<IncidentState, Step[]> = {
  received: [START, CLOSE],
  investigating: [MEASURES, CLOSE],
  measures_decided: [CLOSE],
  closed: [REOPEN],
};

/**
 * A change was saved: say so (in whichever language is chosen when it is shown), reload, and put
 * focus on the section's heading.
 */
export type ChangeHandler = (
  message: (t: Translate) => string,
  focus?: 'state' | 'comments' | 'access' | 'support' | 'authority',
) => void;

/** The state with its next steps, and the assignment. */
export function HandlingPanel({ incident, onChanged }: { incident: Incident; onChanged: ChangeHandler }) {
  const t = useT();
  const steps = incident.can.handle ? STEPS[incident.state] : [];
  return (
    <section aria-labelledby="incident-state-heading" className="incident-section incident-panel">
      <h2 id="incident-state-heading" tabIndex={-1}>
        {t('incidents.handling.heading')}
      </h2>
      <p className="incident-state-line">
        {t('incidents.handling.stateNow')} <StateBadge state={incident.state} />
      </p>
      <p>{t('incidents.handling.reporterTold')}</p>
      {steps.length > 0 ? (
        <div className="incident-actions">
          {steps.map((step) =>
            step.reason ? (
              <ReasonDialog
                key={step.to + step.reason}
                incident={incident}
                step={step}
                onChanged={onChanged}
              />
            ) : (
              <StepButton key={step.to} incident={incident} step={step} onChanged={onChanged} />
            ),
          )}
        </div>
      ) : null}
      {incident.can.assign ? (
        <AssignForm key={incident.assignee?.id ?? NOBODY} incident={incident} onChanged={onChanged} />
      ) : (
        <p>
          {incident.assignee
            ? t('incidents.assign.current', { name: incident.assignee.name })
            : t('incidents.assign.nobody')}
        </p>
      )}
    </section>
  );
}

function StepButton({
  incident,
  step,
  onChanged,
}: {
  incident: Incident;
  step: Step;
  onChanged: ChangeHandler;
}) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const run = async () => {
    setSaving(true);
    setError(null);
    try {
      await transitionIncident(incident.id, { to: step.to });
      onChanged(step.done, 'state');
    } catch (e) {
      setError(failureText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button variant={step.variant} onPress={run} isDisabled={isSaving}>
        {step.label(t)}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </>
  );
}

/** Closing and reopening: a dialog that asks why (the reason is shown on the timeline and to the reporter). */
function ReasonDialog({
  incident,
  step,
  onChanged,
}: {
  incident: Incident;
  step: Step;
  onChanged: ChangeHandler;
}) {
  const t = useT();
  const title = step.reason === 'close' ? t('incidents.close.title') : t('incidents.reopen.title');
  return (
    <DialogTrigger>
      <Button variant={step.variant}>{step.label(t)}</Button>
      <Dialog title={title}>
        {(close) => <ReasonForm incident={incident} step={step} onChanged={onChanged} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

function ReasonForm({
  incident,
  step,
  onChanged,
  close,
}: {
  incident: Incident;
  step: Step;
  onChanged: ChangeHandler;
  close: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const missing = reason.trim() === '';

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (missing) return;
    setSaving(true);
    setError(null);
    try {
      await transitionIncident(incident.id, { to: step.to, reason: reason.trim() });
      close();
      onChanged(step.done, 'state');
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };

  return (
    <Form className="incident-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <p>
        {step.reason === 'close'
          ? t('incidents.close.body')
          : t('incidents.reopen.body', { state: stateLabel(t, step.to) })}
      </p>
      <TextAreaField
        label={step.reason === 'close' ? t('incidents.close.reason') : t('incidents.reopen.reason')}
        isRequired
        autoFocus
        value={reason}
        onChange={setReason}
        maxLength={2000}
        isInvalid={submitted && missing}
        errorMessage={t('incidents.reasonRequired')}
      />
      <div className="incident-actions">
        <Button type="submit" variant={step.reason === 'close' ? 'danger' : 'primary'} isDisabled={isSaving}>
          {step.reason === 'close' ? t('incidents.close.submit') : t('incidents.reopen.submit')}
        </Button>
        <Button onPress={close}>{t('incidents.cancel')}</Button>
      </div>
    </Form>
  );
}

const NOBODY = 'nobody';

function AssignForm({ incident, onChanged }: { incident: Incident; onChanged: ChangeHandler }) {
  const t = useT();
  const users = useResource((signal) => listAssignableUsers(incident.id, signal), incident.id);
  const [choice, setChoice] = useState<string>(incident.assignee?.id ?? NOBODY);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const items = users.data?.items ?? [];
  // The current assignee stays choosable even if no longer in the list.
  const options =
    incident.assignee && !items.some((u) => u.id === incident.assignee!.id)
      ? [{ id: incident.assignee.id, name: incident.assignee.name, email: '' }, ...items]
      : items;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const userId = choice === NOBODY ? null : choice;
      await assignIncident(incident.id, userId);
      const name = options.find((u) => u.id === userId)?.name;
      onChanged((tr) => (name ? tr('incidents.assign.done', { name }) : tr('incidents.assign.cleared')));
    } catch (e) {
      setError(failureText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form className="incident-form incident-form--assign" onSubmit={onSubmit}>
      {users.status === 'error' ? <Alert tone="error">{failureText(t, users.error)}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Select
        label={t('incidents.assign.label')}
        description={t('incidents.assign.hint')}
        selectedKey={choice}
        onSelectionChange={(k: Key | null) => setChoice(k === null ? NOBODY : String(k))}
        isDisabled={users.status === 'loading' && !users.data}
      >
        {[{ id: NOBODY, name: t('incidents.assign.none'), email: '' }, ...options].map((u) => (
          <ListBoxItem key={u.id} id={u.id} textValue={u.name}>
            {u.email ? `${u.name} (${u.email})` : u.name}
          </ListBoxItem>
        ))}
      </Select>
      <div className="incident-actions">
        <Button type="submit" isDisabled={isSaving || choice === (incident.assignee?.id ?? NOBODY)}>
          {t('incidents.assign.submit')}
        </Button>
      </div>
    </Form>
  );
}
