import { createError } from '../../platform/errors.ts';

export const organisationNotFound = createError({
  code: 'organisations.not_found',
  status: 404,
  message: 'No such organisation',
});
export const requirementNotFound = createError({
  code: 'coordinators.requirement_not_found',
  status: 404,
  message: 'No such requirement',
});
export const requirementExists = createError({
  code: 'coordinators.requirement_exists',
  status: 409,
  message: 'This requirement already exists',
});
export const assignmentNotFound = createError({
  code: 'coordinators.assignment_not_found',
  status: 404,
  message: 'No such assignment',
});
export const termOverlaps = createError({
  code: 'coordinators.term_overlaps',
  status: 409,
  message:
    'The term overlaps another: the function already has a holder then, or this person already holds it then',
});
export const assignmentStarted = createError({
  code: 'coordinators.assignment_started',
  status: 409,
  message: 'The term has already started; end it instead of removing it, so the history stays',
});
export const userDisabled = createError({
  code: 'coordinators.user_disabled',
  status: 409,
  message: 'The account is disabled; choose someone else',
});
export const invalidDates = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The end date cannot be before the start date',
});
