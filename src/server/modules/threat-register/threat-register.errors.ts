import { createError } from '../../platform/errors.ts';

export const invalidThreatRequest = createError({
  code: 'validation.failed',
  status: 400,
  message: 'The request is not valid',
});
export const caseNotFound = createError({
  code: 'threat_register.case_not_found',
  status: 404,
  message: 'No such case of yours',
});
export const entryNotFound = createError({
  code: 'threat_register.entry_not_found',
  status: 404,
  message: 'No such entry in the known-threat register',
});
export const incidentNotFound = createError({
  code: 'incidents.not_found',
  status: 404,
  message: 'No such incident',
});
export const organisationNotFound = createError({
  code: 'organisations.not_found',
  status: 404,
  message: 'No such organisation',
});
export const duplicateEntry = createError({
  code: 'threat_register.duplicate',
  status: 409,
  message: 'This incident is already in the register under this case reference',
});
export const entryWithoutIncident = createError({
  code: 'threat_register.no_incident',
  status: 409,
  message: 'The entry has no report to grant access to (it was deleted)',
});
export const caseNotMatched = createError({
  code: 'threat_register.case_not_matched',
  status: 404,
  message: 'No case registered under the same case reference in this organisation',
});
