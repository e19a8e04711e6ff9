import { createError } from '../../platform/errors.ts';

/** Field-level problems with a report, type or batch: `details` lists `{ path, message }`. */
export const invalidIncident = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The report is not valid',
});
export const invalidIncidentType = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The incident type is not valid',
});
export const invalidBatch = createError({
  code: 'validation.failed',
  status: 400,
  message: 'Some reports in the batch are not valid; nothing was stored',
});
export const incidentNotFound = createError({
  code: 'incidents.not_found',
  status: 404,
  message: 'No such incident',
});
export const incidentTypeNotFound = createError({
  code: 'incident_types.not_found',
  status: 404,
  message: 'No such incident type',
});
export const incidentTypeCodeTaken = createError({
  code: 'incident_types.code_taken',
  status: 409,
  message: 'Another incident type already has this code',
});
export const facilityNotFound = createError({
  code: 'facilities.not_found',
  status: 404,
  message: 'No such facility',
});
export const attachmentType = createError({
  code: 'incidents.attachment_type',
  status: 400,
  message: 'Attachments must be images (JPEG, PNG, GIF, WebP, HEIC) or PDF, judged by their content',
});
export const attachmentTooLarge = createError({
  code: 'incidents.attachment_too_large',
  status: 413,
  message: 'The attachment is larger than allowed',
});
export const attachmentEmpty = createError({
  code: 'incidents.attachment_empty',
  status: 400,
  message: 'The attachment is empty',
});
export const tooManyUploads = createError({
  code: 'incidents.too_many_uploads',
  status: 409,
  message: 'Too many files waiting to be sent; send the report or remove some first',
});
