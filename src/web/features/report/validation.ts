import { isApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/translate.ts';
import type { FieldProblem } from './error-summary.tsx';

/** The fields of the report form that can be wrong, in the order they appear. */
export const REPORT_FIELDS = [
  'group',
  'type',
  'occurredAt',
  'where',
  'affectedKind',
  'affectedGender',
  'description',
  'immediateAction',
  'policeReportNumber',
  'injurySeverity',
  'attachments',
  'anonymous',
  'caseReference',
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];
export type FieldErrors = Partial<Record<ReportField, string>>;

/** The wrapper each field sits in, for the error summary's links. */
export function fieldTarget(field: ReportField): string {
  return field === 'where' ? 'report-field-where' : `report-field-${field}`;
}

export function toProblems(errors: FieldErrors): FieldProblem[] {
  return REPORT_FIELDS.filter((f) => errors[f]).map((f) => ({ target: fieldTarget(f), message: errors[f]! }));
}

/** The API field a server error names → the form field it belongs to. */
const API_FIELDS: Record<string, ReportField> = {
  typeId: 'type',
  occurredAt: 'occurredAt',
  location: 'where',
  facilityId: 'where',
  addressText: 'where',
  organisationId: 'where',
  affectedKind: 'affectedKind',
  affectedSelf: 'affectedKind',
  affectedGender: 'affectedGender',
  description: 'description',
  immediateAction: 'immediateAction',
  policeCalled: 'policeReportNumber',
  policeReportNumber: 'policeReportNumber',
  injury: 'injurySeverity',
  injurySeverity: 'injurySeverity',
  workEnvironmentKind: 'injurySeverity',
  anonymous: 'anonymous',
  uploadIds: 'attachments',
  caseReference: 'caseReference',
};

/** The API field names in an error's details (zod's `{ path: 'body.x.y' }`, or `{ field }`, or a map). */
function detailFields(details: unknown): { field: string; message: string | null }[] {
  const out: { field: string; message: string | null }[] = [];
  const add = (path: unknown, message: unknown) => {
    if (typeof path !== 'string' && !Array.isArray(path)) return;
    const parts = (Array.isArray(path) ? path.map(String) : path.split('.')).filter(
      (p) => p !== 'body' && p !== '',
    );
    if (parts[0]) out.push({ field: parts[0], message: typeof message === 'string' ? message : null });
  };
  if (Array.isArray(details)) {
    for (const d of details) {
      if (typeof d === 'string') add(d, null);
      else if (d && typeof d === 'object') {
        const o = d as Record<string, unknown>;
        add(o.path ?? o.field, o.code ?? o.message);
      }
    }
  } else if (details && typeof details === 'object') {
    const o = details as Record<string, unknown>;
    if (Array.isArray(o.fields)) for (const f of o.fields) add(f, null);
    else if (typeof o.field === 'string' || typeof o.path === 'string') add(o.field ?? o.path, o.code);
    else for (const [k, v] of Object.entries(o)) add(k, v);
  }
  return out;
}

/** Field-level words for a refused report; fields the server named without a known reason get a general one. */
export function serverFieldErrors(t: Translate, error: unknown): FieldErrors | null {
  if (!isApiError(error)) return null;
  // A facility the reporter cannot see is answered 404, naming the field.
  if (error.code === 'facilities.not_found') return { where: t('report.serverError.where') };
  if (error.status !== 400) return null;
  const errors: FieldErrors = {};
  const code = error.code;
  for (const { field, message } of detailFields(error.details)) {
    const target = API_FIELDS[field];
    if (!target || errors[target]) continue;
    const reason = `${code} ${message ?? ''}`.toLowerCase();
    errors[target] = specificMessage(t, target, reason) ?? t(`report.serverError.${target}`);
  }
  if (Object.keys(errors).length === 0) {
    // A domain error without details: still point at the field its code names.
    if (code.includes('type')) errors.type = t('report.serverError.type');
    else if (code.includes('future') || code.includes('occurred'))
      errors.occurredAt = t('report.error.future');
    else if (code.includes('location') || code.includes('outside') || code.includes('area'))
      errors.where = t('report.error.outside');
    else if (code.includes('upload') || code.includes('attachment'))
      errors.attachments = t('report.serverError.attachments');
    else if (code.includes('anonymous')) errors.anonymous = t('report.serverError.anonymous');
    else if (code.includes('facility')) errors.where = t('report.serverError.where');
    else return null;
  }
  return errors;
}

function specificMessage(t: Translate, field: ReportField, reason: string): string | null {
  if (field === 'occurredAt' && reason.includes('future')) return t('report.error.future');
  if (field === 'where' && (reason.includes('outside') || reason.includes('area')))
    return t('report.error.outside');
  if (
    field === 'description' &&
    (reason.includes('small') || reason.includes('least') || reason.includes('required'))
  )
    return t('report.error.description');
  return null;
}
