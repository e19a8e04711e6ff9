import { createError } from '../../platform/errors.ts';

// Every refusal of the organisation structure has its own code, documented in docs/import-formats.md.

export const organisationNotFound = createError({
  code: 'organisations.not_found',
  status: 404,
  message: 'No such organisation',
});
export const invalidDates = createError({
  code: 'organisations.invalid_dates',
  status: 400,
  message: 'The end date is before the start date',
});
export const invalidParent = createError({
  code: 'organisations.invalid_parent',
  status: 400,
  message: 'An organisation of this kind cannot be placed under that parent',
});
export const invalidCommitteeType = createError({
  code: 'organisations.invalid_committee_type',
  status: 400,
  message: 'A committee needs a committee type (district or specialist); other kinds have none',
});
export const outsideParentValidity = createError({
  code: 'organisations.outside_parent_validity',
  status: 409,
  message: 'The dates fall outside the period the parent organisation is in force',
});
export const childrenOutsideValidity = createError({
  code: 'organisations.children_outside_validity',
  status: 409,
  message: 'Units beneath would fall outside the new dates; end or change them first',
});
export const areasOutsideValidity = createError({
  code: 'organisations.areas_outside_validity',
  status: 409,
  message: 'Area responsibility would fall outside the new dates; end or change it first',
});
export const duplicateName = createError({
  code: 'organisations.duplicate_name',
  status: 409,
  message: 'Another organisation with this name under the same parent is in force at the same time',
});
export const codeTaken = createError({
  code: 'organisations.code_taken',
  status: 409,
  message: 'Another organisation already has this code',
});
export const rootLocked = createError({
  code: 'organisations.root_locked',
  status: 409,
  message: 'The municipality itself cannot be changed, ended, merged or split here',
});
export const cycle = createError({
  code: 'organisations.cycle',
  status: 409,
  message: 'An organisation cannot be placed under itself or one of its own units',
});
export const alreadyEnded = createError({
  code: 'organisations.already_ended',
  status: 409,
  message: 'The organisation has already ended by that date',
});
export const notInForce = createError({
  code: 'organisations.not_in_force',
  status: 409,
  message: 'The organisation is not in force the day before the change',
});
export const historyLocked = createError({
  code: 'organisations.history_locked',
  status: 409,
  message: 'The dates are fixed by a merge or split (a predecessor ends the day before its successors start)',
});
export const alreadySucceeded = createError({
  code: 'organisations.already_succeeded',
  status: 409,
  message: 'The organisation has already been merged or split',
});
export const mergeMismatch = createError({
  code: 'organisations.merge_mismatch',
  status: 409,
  message:
    'Only organisations of the same kind (and committee type) under the same parent can be merged; move them first',
});
export const duplicateIds = createError({
  code: 'organisations.duplicate_ids',
  status: 400,
  message: 'The same organisation is named twice',
});
export const descendantStartsLater = createError({
  code: 'organisations.descendant_starts_later',
  status: 409,
  message: 'A unit beneath starts after that date; change or remove it first',
});
export const notDistrictCommittee = createError({
  code: 'organisations.not_district_committee',
  status: 409,
  message: 'Only district committees are responsible for areas',
});
export const committeeHasAreas = createError({
  code: 'organisations.has_areas',
  status: 409,
  message: 'The committee is responsible for areas; end that responsibility before changing its type',
});
export const areaNotFound = createError({
  code: 'organisations.area_not_found',
  status: 404,
  message: 'No such area',
});
export const responsibilityNotFound = createError({
  code: 'organisations.area_responsibility_not_found',
  status: 404,
  message: 'No such area responsibility',
});
export const areaOverlap = createError({
  code: 'organisations.area_overlap',
  status: 409,
  message: 'Another organisation is responsible for this area during part of that period',
});
export const splitAreaNotHeld = createError({
  code: 'organisations.split_area_not_held',
  status: 409,
  message: 'A successor can only take over areas the organisation answers for on the day of the split',
});
export const splitAreaTwice = createError({
  code: 'organisations.split_area_twice',
  status: 400,
  message: 'An area can go to only one successor',
});
export const importInvalid = createError({
  code: 'organisations.import_invalid',
  status: 400,
  message: 'The file has errors; nothing was imported',
});
