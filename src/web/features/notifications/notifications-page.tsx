import { type Ref, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Notification } from '../../../domain/api/incidents.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useI18n } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import '../../ui/content.css';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import {
  announceNotificationsChanged,
  listNotifications,
  markAllRead,
  markRead,
  type NotificationList,
} from './api.ts';
import { notificationDetail, notificationLink, notificationText } from './notification-text.ts';
import './notifications.css';

type State =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: NotificationList };

function failure(t: Translate, error: unknown): string {
  if (isApiError(error) && error.status === 0) return t('error.network');
  return t('error.generic');
}

/** `/notifications`: the user's notices in words, newest first; open one, mark it read, or all. */
export function NotificationsPage() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    listNotifications(controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const markLocal = (ids: Set<string> | 'all') =>
    setState((s) => {
      if (s.status !== 'ready') return s;
      const at = new Date().toISOString();
      const items = s.data.items.map((n) =>
        n.readAt === null && (ids === 'all' || ids.has(n.id)) ? { ...n, readAt: at } : n,
      );
      return { status: 'ready', data: { items, unread: items.filter((n) => n.readAt === null).length } };
    });

  const readOne = async (n: Notification, quiet = false): Promise<boolean> => {
    if (n.readAt !== null) return true;
    setActionError(null);
    try {
      await markRead(n.id);
      markLocal(new Set([n.id]));
      if (!quiet) setNotice(t('notifications.markedOne'));
      announceNotificationsChanged();
      return true;
    } catch (e) {
      if (!quiet) setActionError(failure(t, e));
      return false;
    }
  };

  const readAll = async () => {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    try {
      await markAllRead();
      markLocal('all');
      setNotice(t('notifications.markedAll'));
      announceNotificationsChanged();
      // The button is gone now: keep the keyboard user's place on the summary line.
      requestAnimationFrame(() => summaryRef.current?.focus());
    } catch (e) {
      setActionError(failure(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="notifications-page">
      <PageHeading title={t('notifications.title')} />
      <p>{t('notifications.intro')}</p>
      {state.status === 'loading' ? <ProgressBar label={t('notifications.loading')} isIndeterminate /> : null}
      {state.status === 'error' ? (
        <Alert tone="error" title={t('notifications.loadFailed')}>
          <p>{failure(t, state.error)}</p>
          <Button
            onPress={() => {
              setState({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            {t('notifications.retry')}
          </Button>
        </Alert>
      ) : null}
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      <p role="status" className="visually-hidden">
        {notice}
      </p>
      {state.status === 'ready' && state.data.items.length === 0 ? (
        <EmptyState title={t('notifications.emptyTitle')} headingLevel={2}>
          <p>{t('notifications.empty')}</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.data.items.length > 0 ? (
        <>
          <div className="notifications-toolbar">
            <p ref={summaryRef} tabIndex={-1}>
              {state.data.unread === 0
                ? t('notifications.noneUnread')
                : t('notifications.unreadCount', { count: state.data.unread })}
            </p>
            {state.data.unread > 0 ? <Button onPress={readAll}>{t('notifications.markAll')}</Button> : null}
          </div>
          <ul className="notifications-list">
            {state.data.items.map((n) => (
              <NotificationItem key={n.id} n={n} onRead={readOne} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function NotificationItem({
  n,
  onRead,
}: {
  n: Notification;
  onRead: (n: Notification, quiet?: boolean) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const text = notificationText(t, n);
  const detail = notificationDetail(t, n);
  const href = notificationLink(n);
  const unread = n.readAt === null;
  const textRef = useRef<HTMLElement>(null);
  const markRead = async () => {
    // The button goes away once read: the keyboard user stays on this notice.
    if (await onRead(n)) requestAnimationFrame(() => textRef.current?.focus());
  };
  return (
    <li className={unread ? 'notifications-item notifications-item--unread' : 'notifications-item'}>
      <div className="notifications-item__main">
        {unread ? <span className="badge notifications-item__badge">{t('notifications.unread')}</span> : null}
        <p className="notifications-item__text">
          {href ? (
            <Link to={href} ref={textRef as Ref<HTMLAnchorElement>} onClick={() => void onRead(n, true)}>
              {text}
            </Link>
          ) : (
            <span ref={textRef} tabIndex={-1}>
              {text}
            </span>
          )}
        </p>
        {detail ? <p className="notifications-item__detail">{detail}</p> : null}
        <p className="notifications-item__time">
          <time dateTime={n.createdAt}>{format.dateTime(n.createdAt)}</time>
        </p>
      </div>
      {unread ? (
        <Button variant="quiet" onPress={markRead} aria-label={t('notifications.markOneLabel', { text })}>
          {t('notifications.markOne')}
        </Button>
      ) : null}
    </li>
  );
}
