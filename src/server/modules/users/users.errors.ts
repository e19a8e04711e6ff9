import { createError } from '../../platform/errors.ts';

export const userNotFound = createError({ code: 'users.not_found', status: 404, message: 'No such user' });
export const emailTaken = createError({
  code: 'users.email_taken',
  status: 409,
  message: 'A user with this e-mail address already exists',
});
export const organisationUnknown = createError({
  code: 'users.organisation_not_found',
  status: 404,
  message: 'No such organisation',
});
export const cannotDisableSelf = createError({
  code: 'users.cannot_disable_self',
  status: 409,
  message: 'You cannot disable your own account',
});
export const weakPassword = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The password does not meet the rules',
});
