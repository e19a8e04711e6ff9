import { createError } from '../../platform/errors.ts';

export const pictureNotFound = createError({
  code: 'pictures.not_found',
  status: 404,
  message: 'No such situational picture',
});
export const snapshotNotFound = createError({
  code: 'pictures.snapshot_not_found',
  status: 404,
  message: 'No such snapshot',
});
export const organisationNotFound = createError({
  code: 'pictures.organisation_not_found',
  status: 404,
  message: 'No such organisation',
});
export const invalidPicture = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The request is not valid',
});
/** A 400 naming one field, in the shape zod's validation errors have. */
export const invalidField = (path: string, message: string) => invalidPicture([{ path, message }]);

export const organisationKindNotAllowed = createError({
  code: 'pictures.organisation_kind',
  status: 400,
  message: 'Yearly risk and situational pictures are made for committees and companies',
});
export const staleRevision = createError({
  code: 'pictures.stale_revision',
  status: 409,
  message: 'Someone else saved the picture after you opened it; reload it and make your change again',
});
export const extremismForbidden = createError({
  code: 'pictures.extremism_forbidden',
  status: 403,
  message: 'Only those granted the violent-extremism section may write its analysis',
});
export const snapshotNotFrozen = createError({
  code: 'pictures.snapshot_not_frozen',
  status: 409,
  message: 'Only a frozen snapshot that has not been signed off can be signed off',
});
export const snapshotNotSigned = createError({
  code: 'pictures.snapshot_not_signed',
  status: 409,
  message: 'Only a signed-off snapshot can be submitted to the executive board',
});
export const snapshotAlreadySubmitted = createError({
  code: 'pictures.snapshot_already_submitted',
  status: 409,
  message: 'The snapshot has already been submitted',
});
