import { type ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useT } from '../i18n/i18n-provider.tsx';

/** The path whose heading last mounted; module-level so it survives between pages. */
let lastPathname: string | null = null;

/**
 * The page's one `h1`. It sets `document.title` to "<title> – Trygg" and, after a navigation (not
 * on the first load, so the skip link stays the first Tab stop), takes focus so screen readers
 * announce the new page and keyboard users start from its top.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    document.title = t('app.docTitle', { page: title });
  }, [t, title]);

  useEffect(() => {
    if (lastPathname !== null && lastPathname !== pathname) ref.current?.focus();
    lastPathname = pathname;
  }, [pathname]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
