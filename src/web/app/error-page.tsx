import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useT } from '../i18n/i18n-provider.tsx';
import { Button } from '../ui/button.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { PageHeading } from './page-heading.tsx';

/** Shown inside the layout when a page fails to render or its code fails to load. */
export function ErrorPage() {
  const t = useT();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  // Logged for whoever opens the console; the user gets a plain message and a way on.
  console.error(error);
  return (
    <>
      <PageHeading title={t('crash.title')} />
      <p>{t('crash.body')}</p>
      <div className="page-actions">
        <Link to="/">{t('crash.home')}</Link>
        <Button onPress={() => window.location.reload()}>{t('crash.reload')}</Button>
      </div>
    </>
  );
}

/** When the layout itself fails: the same message with its own landmarks. */
export function StandaloneErrorPage() {
  const t = useT();
  return (
    <>
      <header className="site-header">
        <div className="site-header__bar">
          <span className="site-header__brand">{t('app.name')}</span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <ErrorPage />
      </main>
    </>
  );
}
