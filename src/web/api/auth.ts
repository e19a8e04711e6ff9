import type { LoginRequest, PreferencesRequest, SessionResponse } from '../../domain/api/auth.ts';
import { acceptSession, apiRequest } from './client.ts';

export { fetchSession } from './client.ts';

/** `POST /api/auth/login`. The answer carries the rotated session's CSRF token, which is kept. */
export async function login(credentials: LoginRequest): Promise<SessionResponse> {
  const session = await apiRequest<SessionResponse>('/api/auth/login', {
    method: 'POST',
    body: credentials,
    sessionExpiresOn401: false,
  });
  return acceptSession(session);
}

/** `POST /api/auth/logout`. */
export async function logout(): Promise<void> {
  await apiRequest<{ ok: true }>('/api/auth/logout', {
    method: 'POST',
    body: {},
    sessionExpiresOn401: false,
  });
}

/** `PUT /api/me/preferences`. */
export async function savePreferences(preferences: PreferencesRequest): Promise<void> {
  await apiRequest<{ ok: true }>('/api/me/preferences', {
    method: 'PUT',
    body: preferences,
    keepalive: true,
  });
}

/** Where the browser goes to sign in with the city's identity provider (a full page navigation). */
export function oidcLoginUrl(returnTo: string): string {
  return `/api/auth/oidc/login?${new URLSearchParams({ returnTo }).toString()}`;
}
