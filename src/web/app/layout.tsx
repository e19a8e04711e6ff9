import { useEffect, useId, useState } from 'react';
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { Link, NavLink, Outlet, useHref, useLocation, useNavigate, useNavigation } from 'react-router';
import type { SessionUser } from '../../domain/api/auth.ts';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { useT } from '../i18n/i18n-provider.tsx';
import { hasPermission, useSession } from '../session/session-provider.tsx';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { PageHeading } from './page-heading.tsx';
import './layout.css';
import { UserMenu } from './user-menu.tsx';

/** The frame of every page: skip link, header with navigation, main, footer. */
export function Layout() {
  const t = useT();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { load, user, reload } = useSession();
  const isNavigating = navigation.state === 'loading';

  return (
    // React Aria links and menu items navigate inside the app through the router.
    <AriaRouterProvider navigate={(to, options) => navigate(to, options)} useHref={useHref}>
      {/* Moves focus to <main tabindex="-1">; the router ignores the hash, the page stays. */}
      <a href="#main" className="skip-link">
        {t('app.skipToMain')}
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <Link to="/" className="site-header__brand" aria-label={t('app.homeLink')}>
            <BrandMark />
            <span>{t('app.name')}</span>
          </Link>
          <div className="site-header__tools">
            <LanguageSwitch />
            {user ? <NotificationBell /> : null}
            {user ? <UserMenu user={user} /> : null}
          </div>
        </div>
        {user ? <SiteNav user={user} /> : null}
      </header>
      <div
        className={isNavigating ? 'route-progress route-progress--active' : 'route-progress'}
        aria-hidden="true"
      />
      <p className="visually-hidden" role="status">
        {isNavigating ? t('app.loadingPage') : ''}
      </p>
      <main id="main" tabIndex={-1} className="site-main">
        {load.status === 'ready' ? (
          <Outlet />
        ) : load.status === 'loading' ? (
          <p className="site-main__loading">{t('app.loading')}</p>
        ) : (
          <>
            <PageHeading title={t('session.loadFailedTitle')} />
            <Alert tone="error">
              <p>{t('session.loadFailedBody')}</p>
              <Button onPress={reload}>{t('session.retry')}</Button>
            </Alert>
          </>
        )}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
        <p>{t('app.footerSource')}</p>
        <p>
          <Link to="/tillganglighet">{t('a11y.footerLink')}</Link>
        </p>
      </footer>
    </AriaRouterProvider>
  );
}

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** A path below `to` that has a menu item of its own (this one is not marked current there). */
  except?: string;
}

function SiteNav({ user }: { user: SessionUser }) {
  const t = useT();
  const items: NavItem[] = [{ to: '/', label: t('nav.home'), end: true }];
  if (hasPermission(user, 'organisations.read'))
    items.push({ to: '/organisations', label: t('organisations.nav') });
  if (hasPermission(user, 'incidents.report')) items.push({ to: '/report', label: t('report.nav') });
  if (hasPermission(user, 'incidents.handle')) items.push({ to: '/incidents', label: t('incidents.nav') });
  if (hasPermission(user, 'threat_register.lookup')) items.push({ to: '/threats', label: t('threats.nav') });
  if (hasPermission(user, 'threat_register.manage'))
    items.push({ to: '/threat-register', label: t('threats.register.nav') });
  if (hasPermission(user, 'pictures.read'))
    items.push({ to: '/pictures', label: t('pictures.nav'), except: '/pictures/cycle' });
  if (hasPermission(user, 'pictures.cycle'))
    items.push({ to: '/pictures/cycle', label: t('snapshots.cycle.nav') });
  if (hasPermission(user, 'statistics.manage')) items.push({ to: '/statistics', label: t('statistics.nav') });
  items.push({ to: '/programme', label: t('programme.nav') });
  items.push({ to: '/areas', label: t('areas.nav') });
  if (hasPermission(user, 'organisations.read'))
    items.push({ to: '/facilities', label: t('facilities.nav') });
  if (hasPermission(user, 'compliance.read')) items.push({ to: '/compliance', label: t('compliance.nav') });
  if (hasPermission(user, 'audit.read')) items.push({ to: '/audit', label: t('nav.audit') });
  if (hasPermission(user, 'incident_types.manage'))
    items.push({ to: '/incident-types', label: t('incidentTypes.nav') });
  // On a phone the list folds behind a menu button (CSS shows the button and hides the closed list
  // below 40em); on wider screens the button is hidden and the list always shown.
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const listId = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu whenever the page changes
  useEffect(() => setOpen(false), [location.pathname]);
  return (
    <nav className="site-nav" aria-label={t('nav.label')}>
      <button
        type="button"
        className="site-nav__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((v) => !v)}
      >
        <span aria-hidden="true" className="site-nav__toggle-icon" />
        {t('nav.menu')}
      </button>
      <ul id={listId} className={open ? 'site-nav__list site-nav__list--open' : 'site-nav__list'}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end || (item.except !== undefined && location.pathname.startsWith(item.except))}
              className="site-nav__link"
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function BrandMark() {
  return (
    <svg aria-hidden="true" focusable="false" width="28" height="28" viewBox="0 0 32 32">
      <path d="M16 3l11 4.8v7.4c0 7-4.8 12-11 14.3C9.8 27.2 5 22.2 5 15.2V7.8z" fill="currentColor" />
      <path
        d="M11 16l3.5 3.5L21.5 12"
        fill="none"
        stroke="var(--color-header-bg)"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
