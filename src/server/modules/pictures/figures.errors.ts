import { createError } from '../../platform/errors.ts';

/** A picture query that cannot be answered: `details` lists `{ path, message }`. */
export const invalidPictureQuery = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The picture request is not valid',
});
export const pictureOrganisationNotFound = createError({
  code: 'pictures.organisation_not_found',
  status: 404,
  message: 'No such organisation',
});
