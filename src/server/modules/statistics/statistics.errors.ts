import { createError } from '../../platform/errors.ts';

/** A statistics file with problems; `details` is `{ errors: RowError[], errorCount }` and nothing was written. */
export const statisticsImportInvalid = createError({
  code: 'statistics.import_invalid',
  status: 400,
  message: 'The file has errors; nothing was imported',
});
export const noMunicipality = createError({
  code: 'statistics.no_municipality',
  status: 409,
  message: 'There is no municipality to import statistics for',
});
export const uploadExpired = createError({
  code: 'statistics.upload_missing',
  status: 410,
  message: 'The uploaded file is no longer available; upload it again',
});
export const invalidCursor = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The page cursor is not valid',
});
