import type { z } from 'zod';
import type { IncidentListResponseSchema } from '../../../domain/api/incidents.ts';
import type {
  CaseReferenceRequest,
  CreateThreatEntryRequest,
  ThreatCase,
  ThreatCaseListResponse,
  ThreatEntry,
  ThreatEntryListResponse,
  ThreatGrantRequest,
  UpdateThreatEntryRequest,
} from '../../../domain/api/threat-register.ts';
import { apiRequest, isApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/translate.ts';

export function listMyCases(signal?: AbortSignal): Promise<ThreatCaseListResponse> {
  return apiRequest('/api/threat-register/cases', { signal });
}

export function registerCase(body: CaseReferenceRequest): Promise<ThreatCase> {
  return apiRequest('/api/threat-register/cases', { method: 'POST', body });
}

export function deleteCase(id: string): Promise<void> {
  return apiRequest(`/api/threat-register/cases/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function listEntries(includeExpired: boolean, signal?: AbortSignal): Promise<ThreatEntryListResponse> {
  return apiRequest('/api/threat-register/entries', {
    query: { includeExpired: includeExpired ? 'true' : undefined },
    signal,
  });
}

export function createEntry(body: CreateThreatEntryRequest): Promise<ThreatEntry> {
  return apiRequest('/api/threat-register/entries', { method: 'POST', body });
}

export function updateEntry(id: string, body: UpdateThreatEntryRequest): Promise<ThreatEntry> {
  return apiRequest(`/api/threat-register/entries/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteEntry(id: string): Promise<void> {
  return apiRequest(`/api/threat-register/entries/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function grantAccess(id: string, body: ThreatGrantRequest): Promise<ThreatEntry> {
  return apiRequest(`/api/threat-register/entries/${encodeURIComponent(id)}/grants`, {
    method: 'POST',
    body,
  });
}

/** Threat and violence reports the coordinator handles, newest first (to add one to the register). */
export type ThreatReportList = z.infer<typeof IncidentListResponseSchema>;

export function listThreatReports(signal?: AbortSignal): Promise<ThreatReportList> {
  return apiRequest('/api/incidents', {
    query: { groupCode: 'threat_violence,undue_influence', limit: 200 },
    signal,
  });
}

/** The field paths a 400 answer names (e.g. `body.caseReference`). */
export function invalidPaths(error: unknown): string[] {
  if (!isApiError(error) || error.status !== 400 || !Array.isArray(error.details)) return [];
  return error.details.map((d: { path?: unknown }) => String(d.path ?? ''));
}

/** A message for a failed request, in the user's language. */
export function failureText(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('error.generic');
  const paths = invalidPaths(error);
  if (paths.includes('body.caseReference')) return t('threats.field.referenceInvalid');
  if (paths.includes('body.occurredOn')) return t('threats.error.invalidDate');
  if (paths.includes('body.expiresAt')) return t('threats.error.invalidExpiry');
  if (paths.includes('body.incidentId')) return t('threats.error.wrongType');
  if (paths.includes('body.organisationId')) return t('threats.field.organisationRequired');
  switch (error.code) {
    case 'threat_register.duplicate':
      return t('threats.error.duplicate');
    case 'threat_register.case_not_matched':
      return t('threats.error.notMatched');
    case 'threat_register.no_incident':
      return t('threats.error.noIncident');
  }
  if (error.status === 0) return t('error.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 400) return t('error.invalidRequest');
  return t('error.generic');
}
