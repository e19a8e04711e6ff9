import type { SessionResponse } from '../../domain/api/auth.ts';
import type { ErrorResponse } from '../../domain/api/common.ts';

/** An answer from the API that was not a success, or no answer at all (`status` 0, code `network`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds from a `Retry-After` header (e.g. on 429), when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: unknown;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Let the request finish even if the page unloads (e.g. a preference saved just before a reload). */
  keepalive?: boolean;
  /**
   * Whether a 401 means "the session has ended" (the default). Sign-in turns this off: there a 401
   * means wrong credentials.
   */
  sessionExpiresOn401?: boolean;
}

type SessionListener = (session: SessionResponse) => void;

let csrfToken: string | null = null;
const sessionListeners = new Set<SessionListener>();
const unauthorizedListeners = new Set<() => void>();

/** Subscribes to every session answer the client sees (load, sign-in, CSRF refresh). */
export function onSession(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => {
    sessionListeners.delete(listener);
  };
}

/** Subscribes to "the server says we are no longer signed in" (a 401 on an ordinary request). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

/** Records a session answer: its CSRF token is sent with every later state-changing request. */
export function acceptSession(session: SessionResponse): SessionResponse {
  csrfToken = session.csrfToken;
  for (const listener of sessionListeners) listener(session);
  return session;
}

/** `GET /api/session`: the current user (or null), a fresh CSRF token and the sign-in options. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionResponse> {
  const session = await send<SessionResponse>('/api/session', { signal, sessionExpiresOn401: false });
  return acceptSession(session);
}

/** Sends a JSON request to the API and returns the parsed answer; throws `ApiError` otherwise. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options);
  } catch (error) {
    // The token may have been rotated under us (another tab signed in again): fetch a fresh one, retry once.
    if (isApiError(error) && error.status === 403 && error.code === 'csrf.invalid') {
      await fetchSession(options.signal);
      return send<T>(path, options);
    }
    throw error;
  }
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network', message: 'The server could not be reached' });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  const error = await toApiError(response);
  if (error.status === 401 && options.sessionExpiresOn401 !== false) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw error;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : null;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): fall through to a generic error.
  }
  if (isErrorResponse(body)) {
    return new ApiError({
      status: response.status,
      code: body.error.code,
      message: body.error.message,
      details: body.error.details,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    code: `http.${response.status}`,
    message: response.statusText || `HTTP ${response.status}`,
    retryAfterSeconds,
  });
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
