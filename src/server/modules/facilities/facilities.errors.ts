import { createError } from '../../platform/errors.ts';

export const facilityNotFound = createError({
  code: 'facilities.not_found',
  status: 404,
  message: 'No such facility',
});
export const organisationNotFound = createError({
  code: 'organisations.not_found',
  status: 404,
  message: 'No such organisation',
});
export const invalidFacility = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The facility is not valid',
});
export const codeTaken = createError({
  code: 'facilities.code_taken',
  status: 409,
  message: 'Another facility already has this code',
});
