import { createError } from '../../platform/errors.ts';

export const areaNotFound = createError({ code: 'areas.not_found', status: 404, message: 'No such area' });
export const areaNameTaken = createError({
  code: 'areas.name_taken',
  status: 409,
  message: 'Another area of the same level under the same parent has this name',
});
export const areaRootRename = createError({
  code: 'areas.root_is_municipality',
  status: 409,
  message: "The root area is the municipality and carries its name; rename the municipality's organisation",
});
export const invalidValidity = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The last day in force cannot be before the first',
});
export const importInvalid = createError({
  code: 'areas.import_invalid',
  status: 400,
  message: 'The file has errors; nothing was imported',
});
export const importChanged = createError({
  code: 'areas.import_changed',
  status: 409,
  message: 'The file or options differ from the preview; preview again before importing',
});
export const noMunicipality = createError({
  code: 'areas.no_municipality',
  status: 409,
  message: 'There is no municipality organisation yet; start the server once',
});
