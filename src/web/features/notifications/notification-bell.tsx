import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useT } from '../../i18n/i18n-provider.tsx';
import { listNotifications, onNotificationsChanged } from './api.ts';
import './notifications.css';

const POLL_MS = 60_000;

/**
 * The header's link to the user's notices, its accessible name carrying the unread count. It asks
 * the server every minute, on every page change and when the tab comes back into view; while the
 * API does not answer it shows nothing rather than a wrong count.
 */
export function NotificationBell() {
  const t = useT();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    listNotifications(controller.signal).then(
      (res) => setUnread(res.unread),
      () => {
        if (!controller.signal.aborted) setUnread(null);
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: count again whenever the page changes
  useEffect(() => {
    refresh();
  }, [pathname, refresh]);

  useEffect(() => {
    const timer = window.setInterval(refresh, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    const off = onNotificationsChanged(refresh);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      off();
      inFlight.current?.abort();
    };
  }, [refresh]);

  if (unread === null) return null;
  const label = unread === 0 ? t('notifications.bellNone') : t('notifications.bellUnread', { count: unread });
  return (
    <Link to="/notifications" className="notification-bell" aria-label={label}>
      <BellIcon />
      {unread > 0 ? (
        <span className="notification-bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}

function BellIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="22" height="22" viewBox="0 0 24 24" fill="none">
      <path
        d="M6 10a6 6 0 1 1 12 0c0 4.5 1.5 6 2.5 7H3.5C4.5 16 6 14.5 6 10z"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <path d="M10 20a2 2 0 0 0 4 0" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
