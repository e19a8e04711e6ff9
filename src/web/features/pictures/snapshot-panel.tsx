import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-aria-components';
import type { Picture } from '../../../domain/api/pictures.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { useResource } from '../../ui/use-resource.ts';
import {
  fetchPictureForSnapshots,
  freezePicture,
  type SnapshotSummary,
  signSnapshot,
  snapshotFailureText,
  submitSnapshot,
} from './snapshot-api.ts';
import './snapshots.css';

type Action = 'freeze' | 'sign' | 'submit';

/**
 * What the last action did, per picture: the page may mount the panel afresh when it reloads after
 * `onChanged`, and the announcement (and focus) must survive that.
 */
const pending = new Map<string, { text: string; at: number }>();

function takePending(pictureId: string): string | null {
  const entry = pending.get(pictureId);
  pending.delete(pictureId);
  return entry && Date.now() - entry.at < 15_000 ? entry.text : null;
}

export function snapshotStatusLabel(t: Translate, status: SnapshotSummary['status']): string {
  return t(`snapshots.status.${status}`);
}

/** "2025-03-14 09:05 av Karin" or "–". */
function when(
  t: Translate,
  format: ReturnType<typeof useFormat>,
  at: string | null,
  name: string | null,
): string {
  if (!at) return t('snapshots.notYet');
  return name ? t('snapshots.byWhom', { date: format.dateTime(at), name }) : format.dateTime(at);
}

/**
 * On the picture page: the picture's snapshots and the yearly-cycle actions (freeze, sign off, submit to
 * the executive board). Calls `onChanged` after an action so the page reloads the picture.
 */
export function SnapshotPanel({ pictureId, onChanged }: { pictureId: string; onChanged: () => void }) {
  const t = useT();
  const format = useFormat();
  const picture = useResource(
    (signal) => fetchPictureForSnapshots(pictureId, signal),
    `snapshots:${pictureId}`,
  );
  const [open, setOpen] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Mounted again after an action (the page reloaded): say what happened and keep the user's place.
  useEffect(() => {
    const text = takePending(pictureId);
    if (text) {
      setAnnouncement(text);
      headingRef.current?.focus();
    }
  }, [pictureId]);

  const data: Picture | null = picture.data;
  const snapshots = data?.snapshots ?? [];
  const nextVersion = (snapshots[0]?.version ?? 0) + 1;
  const toSign = snapshots.filter((s) => s.status === 'frozen').sort((a, b) => b.version - a.version)[0];
  const toSubmit = snapshots.filter((s) => s.status === 'signed').sort((a, b) => b.version - a.version)[0];
  const manage = data?.can.freeze ?? false;

  const reasons: Record<Action, string | null> = {
    freeze: manage ? null : t('snapshots.why.noManage'),
    sign: !manage
      ? t('snapshots.why.noManage')
      : data?.can.sign && toSign
        ? null
        : t('snapshots.why.noFrozen'),
    submit: !manage
      ? t('snapshots.why.noManage')
      : data?.can.submit && toSubmit
        ? null
        : t('snapshots.why.noSigned'),
  };

  async function run(action: Action, close: () => void) {
    setBusy(true);
    setError(null);
    try {
      let done: SnapshotSummary;
      if (action === 'freeze') done = await freezePicture(pictureId);
      else if (action === 'sign') done = await signSnapshot(toSign!.id);
      else done = await submitSnapshot(toSubmit!.id);
      const text = t(`snapshots.${action}.done`, { version: done.version });
      setAnnouncement(text);
      pending.set(pictureId, { text, at: Date.now() });
      close();
      picture.reload();
      onChanged();
    } catch (e) {
      setError(snapshotFailureText(t, e));
      close();
      picture.reload();
    } finally {
      setBusy(false);
    }
  }

  const dialogTitle =
    open === 'freeze'
      ? t('snapshots.freeze.title')
      : open === 'sign'
        ? t('snapshots.sign.title', { version: toSign?.version ?? '' })
        : t('snapshots.submit.title', { version: toSubmit?.version ?? '' });
  const dialogBody =
    open === 'freeze'
      ? t('snapshots.freeze.body', { version: nextVersion })
      : open === 'sign'
        ? t('snapshots.sign.body', {
            version: toSign?.version ?? '',
            date: toSign ? format.dateTime(toSign.frozenAt) : '',
          })
        : t('snapshots.submit.body', { version: toSubmit?.version ?? '', year: data?.cycleYear ?? '' });
  const confirmLabel =
    open === 'freeze'
      ? t('snapshots.freeze.confirm', { version: nextVersion })
      : open === 'sign'
        ? t('snapshots.sign.confirm', { version: toSign?.version ?? '' })
        : t('snapshots.submit.confirm', { version: toSubmit?.version ?? '' });

  const actionButton = (action: Action, label: string, variant: 'primary' | 'secondary') => {
    const reason = data ? reasons[action] : null;
    const reasonId = `snapshot-why-${action}`;
    return (
      <div className="snapshot-action">
        <Button
          variant={variant}
          isDisabled={!data || reason !== null || busy}
          aria-describedby={reason ? reasonId : undefined}
          onPress={() => setOpen(action)}
        >
          {label}
        </Button>
        {reason ? (
          <p id={reasonId} className="snapshot-action__why">
            {reason}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="snapshot-panel" aria-labelledby="snapshot-panel-heading">
      <h2 id="snapshot-panel-heading" ref={headingRef} tabIndex={-1}>
        {t('snapshots.panel.heading')}
      </h2>
      <p>{t('snapshots.panel.intro')}</p>
      <p role="status" className="snapshot-live">
        {announcement}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {picture.status === 'error' && !data ? (
        <Alert tone="error">
          <p>{snapshotFailureText(t, picture.error)}</p>
          <Button onPress={picture.reload}>{t('snapshots.retry')}</Button>
        </Alert>
      ) : null}
      {picture.status === 'loading' && !data ? <p>{t('snapshots.panel.loading')}</p> : null}
      {data ? (
        <div className="snapshot-actions">
          {actionButton('freeze', t('snapshots.freeze'), 'secondary')}
          {actionButton('sign', t('snapshots.sign'), 'secondary')}
          {actionButton('submit', t('snapshots.submit'), 'primary')}
        </div>
      ) : null}
      {data && snapshots.length === 0 ? <p>{t('snapshots.panel.empty')}</p> : null}
      {snapshots.length > 0 ? (
        <Table aria-label={t('snapshots.panel.tableLabel')}>
          <TableHead>
            <TableColumn isRowHeader>{t('snapshots.col.version')}</TableColumn>
            <TableColumn>{t('snapshots.col.status')}</TableColumn>
            <TableColumn>{t('snapshots.col.frozen')}</TableColumn>
            <TableColumn>{t('snapshots.col.signed')}</TableColumn>
            <TableColumn>{t('snapshots.col.submitted')}</TableColumn>
          </TableHead>
          <TableBodyRows items={snapshots}>
            {(s) => (
              <TableRow id={s.id}>
                <TableCell>
                  <Link
                    href={`/pictures/snapshots/${s.id}`}
                    aria-label={t('snapshots.open', { version: s.version })}
                  >
                    {t('snapshots.versionLabel', { version: s.version })}
                  </Link>
                </TableCell>
                <TableCell>
                  <span className={`snapshot-badge snapshot-badge--${s.status}`}>
                    {snapshotStatusLabel(t, s.status)}
                  </span>
                </TableCell>
                <TableCell>{when(t, format, s.frozenAt, s.frozenBy)}</TableCell>
                <TableCell>{when(t, format, s.signedAt, s.signedBy)}</TableCell>
                <TableCell>{when(t, format, s.submittedAt, s.submittedBy)}</TableCell>
              </TableRow>
            )}
          </TableBodyRows>
        </Table>
      ) : null}
      <Dialog
        title={dialogTitle}
        isOpen={open !== null}
        onOpenChange={(isOpen) => {
          if (!isOpen && !busy) setOpen(null);
        }}
        actions={(close) => (
          <>
            <Button onPress={close} isDisabled={busy}>
              {t('snapshots.cancel')}
            </Button>
            <Button variant="primary" isDisabled={busy} onPress={() => open && void run(open, close)}>
              {busy ? t('snapshots.working') : confirmLabel}
            </Button>
          </>
        )}
      >
        <p>{dialogBody}</p>
      </Dialog>
    </section>
  );
}
