import { createError } from '../../platform/errors.ts';

export const incidentNotFound = createError({
  code: 'incidents.not_found',
  status: 404,
  message: 'No such incident',
});
export const attachmentNotFound = createError({
  code: 'incidents.attachment_not_found',
  status: 404,
  message: 'No such attachment on this incident',
});
export const invalidHandling = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The request is not valid',
});
export const invalidTransition = createError({
  code: 'incidents.invalid_transition',
  status: 409,
  message: 'The incident cannot move to that state from the one it is in',
});
export const supportNotApplicable = createError({
  code: 'incidents.support_not_applicable',
  status: 409,
  message: 'The support checklist is kept only for threats, violence and undue influence',
});
export const supportItemNotFound = createError({
  code: 'incidents.support_item_not_found',
  status: 404,
  message: 'That support item has not been recorded',
});
export const alreadyGranted = createError({
  code: 'incidents.already_granted',
  status: 409,
  message: 'The user has already been granted access to this incident',
});
export const grantNotFound = createError({
  code: 'incidents.grant_not_found',
  status: 404,
  message: 'The user has not been granted access to this incident',
});
export const notSerious = createError({
  code: 'incidents.not_serious',
  status: 409,
  message: 'Only serious events are reported to the Work Environment Authority',
});
export const internalCommentForbidden = createError({
  code: 'incidents.internal_comment_forbidden',
  status: 403,
  message: 'Only those handling the incident may write internal comments',
});

/** A 400 naming one field, in the shape zod's validation errors have. */
export const invalidField = (path: string, message: string) => invalidHandling([{ path, message }]);
