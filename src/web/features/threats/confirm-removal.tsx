import { useState } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { failureText } from './api.ts';

/** The body of a "remove?" dialog: says what happens, removes on confirm, shows a failure in place. */
export function ConfirmRemoval({
  body,
  confirmLabel,
  remove,
  removedMessage,
  onRemoved,
  close,
}: {
  body: string;
  confirmLabel: string;
  remove: () => Promise<unknown>;
  removedMessage: string;
  onRemoved: (message: string) => void;
  close: () => void;
}) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const confirm = async () => {
    setSaving(true);
    setError(null);
    try {
      await remove();
      close();
      onRemoved(removedMessage);
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };
  return (
    <div className="threats-form">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <p>{body}</p>
      <div className="threats-actions">
        <Button variant="danger" onPress={confirm} isDisabled={isSaving}>
          {confirmLabel}
        </Button>
        <Button onPress={close}>{t('threats.cancel')}</Button>
      </div>
    </div>
  );
}
