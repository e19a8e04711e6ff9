/** An error with a stable code, an HTTP status and a message safe to show the user. */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    message: string,
    public readonly details?: unknown,
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function createError(opts: {
  code: string;
  status: number;
  message: string;
}): (details?: unknown, headers?: Record<string, string>) => AppError {
  return (details, headers) => new AppError(opts.code, opts.status, opts.message, details, headers);
}

export const unauthenticated = createError({
  code: 'auth.unauthenticated',
  status: 401,
  message: 'Sign in first',
});
export const forbidden = createError({
  code: 'access.forbidden',
  status: 403,
  message: 'You may not do this',
});
export const notFound = createError({ code: 'not_found', status: 404, message: 'Not found' });
