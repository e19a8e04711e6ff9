import { createError } from '../../platform/errors.ts';

export const invalidCredentials = createError({
  code: 'auth.invalid_credentials',
  status: 401,
  message: 'Wrong e-mail address or password',
});
export const tooManyAttempts = createError({
  code: 'auth.too_many_attempts',
  status: 429,
  message: 'Too many failed sign-ins; wait a while and try again',
});
export const oidcNotConfigured = createError({
  code: 'auth.oidc_not_configured',
  status: 404,
  message: 'Sign-in with an identity provider is not configured',
});
