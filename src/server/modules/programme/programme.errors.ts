import { createError } from '../../platform/errors.ts';

export const programmeNotFound = createError({
  code: 'programme.not_found',
  status: 404,
  message: 'No such programme',
});
export const versionNotFound = createError({
  code: 'programme.version_not_found',
  status: 404,
  message: 'No such programme version',
});
export const partNotFound = createError({
  code: 'programme.part_not_found',
  status: 404,
  message: 'No such part of a programme version',
});
export const organisationNotFound = createError({
  code: 'programme.organisation_not_found',
  status: 404,
  message: 'No such organisation',
});
export const externalDocumentNotFound = createError({
  code: 'programme.external_document_not_found',
  status: 404,
  message: 'No such external steering document',
});
export const programmeExists = createError({
  code: 'programme.exists',
  status: 409,
  message: 'This organisation already has a programme; start a new version as a draft instead',
});
export const notDraft = createError({
  code: 'programme.version_settled',
  status: 409,
  message:
    'This version is adopted or retired and cannot be changed; create a new draft from it and adopt that instead',
});
export const draftExists = createError({
  code: 'programme.draft_exists',
  status: 409,
  message: 'The programme already has a draft; edit or delete it before starting another',
});
export const labelTaken = createError({
  code: 'programme.label_taken',
  status: 409,
  message: 'Another version of this programme already has this label',
});
export const notAdopted = createError({
  code: 'programme.version_not_in_force',
  status: 409,
  message: 'Only the version in force can be retired',
});
export const notReady = createError({
  code: 'programme.version_incomplete',
  status: 409,
  message: 'The draft cannot be adopted yet: see details',
});
export const adoptedBeforeCurrent = createError({
  code: 'programme.adoption_before_current',
  status: 409,
  message: 'The adoption date is before the adoption of the version in force',
});
export const retiredBeforeAdopted = createError({
  code: 'programme.retirement_before_adoption',
  status: 409,
  message: 'A version cannot be retired before the date it was adopted',
});
export const goalAreaUnknown = createError({
  code: 'programme.goal_area_not_found',
  status: 400,
  message: 'A goal area listed is not part of this version',
});
export const relationTargetInvalid = createError({
  code: 'programme.relation_target_invalid',
  status: 409,
  message:
    'A relation must point to an adopted or retired version other than itself, or an external document',
});
export const relationExists = createError({
  code: 'programme.relation_exists',
  status: 409,
  message: 'This version already has a relation of this type to that document',
});
export const dateInFuture = createError({
  code: 'programme.date_in_future',
  status: 409,
  message: 'A decision cannot be dated in the future; record it on the day it is taken',
});
