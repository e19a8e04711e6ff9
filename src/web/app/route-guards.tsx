import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../domain/permissions.ts';
import { useT } from '../i18n/i18n-provider.tsx';
import { hasPermission, useSession } from '../session/session-provider.tsx';
import { PageHeading } from './page-heading.tsx';
import { loginPath } from './return-to.ts';

/** Signed-out visitors go to the sign-in page, which brings them back here afterwards. */
export function RequireAuth() {
  const { user, signedOutReason } = useSession();
  const location = useLocation();
  if (user) return <Outlet />;
  // After choosing "Logga ut" there is nothing to come back to.
  const target = signedOutReason === 'signed_out' ? '/login' : loginPath(location.pathname + location.search);
  return <Navigate to={target} replace />;
}

/** Shows the page only to users holding the permission (the server checks again). */
export function RequirePermission({ permission }: { permission: Permission }) {
  const { user } = useSession();
  return hasPermission(user, permission) ? <Outlet /> : <ForbiddenPage />;
}

export function ForbiddenPage() {
  const t = useT();
  return (
    <>
      <PageHeading title={t('forbidden.title')} />
      <p>{t('forbidden.body')}</p>
    </>
  );
}
