/**
 * A same-site path to return to after sign-in, or `/`. Anything that could leave the site
 * (`//evil.example`, `https://…`, backslashes) or point at the API is refused.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/api/')) return '/';
  return value;
}

export function loginPath(returnTo?: string): string {
  const target = safeReturnTo(returnTo);
  return target === '/' ? '/login' : `/login?${new URLSearchParams({ returnTo: target }).toString()}`;
}
