import type {
  CreateThreatEntryRequest,
  ThreatEntry,
  ThreatEntryListQuery,
  ThreatEntryListResponse,
  ThreatGrantRequest,
  UpdateThreatEntryRequest,
} from '../../../domain/api/threat-register.ts';
import { type Actor, can, scopeOf } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { queueNotifications } from '../../platform/notifications.ts';
import { swedishDay } from '../areas/areas.usecases.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { canHandleIncident, canReadIncident, loadAccessFacts } from '../incidents/incidents.policy.ts';
import { incidentsDb } from '../incidents/incidents.tables.ts';
import {
  caseNotMatched,
  duplicateEntry,
  entryNotFound,
  entryWithoutIncident,
  incidentNotFound,
  invalidThreatRequest,
} from './threat-register.errors.ts';
import { presentEntry } from './threat-register.presenter.ts';
import {
  createThreatRegisterRepository,
  type EntryRow,
  type EntryValues,
  type ThreatRegisterRepository,
} from './threat-register.repository.ts';
import { ENTRY_FIELDS, hashOrRefuse, NO_META } from './threat-register.usecases.ts';

/**
 * The security coordinator's side of the register: review it for their organisations, add an
 * entry from a report they handle, correct or delete entries, and grant a matched case worker
 * access to the report. Every read and change is audited; case references are never returned.
 */

const manages = (caller: Actor, organisationId: string) =>
  can(caller, 'threat_register.manage', { organisationId });

/** Today's date where the city is. */
function stockholmToday(now: Date): string {
  return swedishDay(now);
}

async function present(repo: ThreatRegisterRepository, rows: EntryRow[], now: Date): Promise<ThreatEntry[]> {
  const matched = await repo.matchedCases(rows.map((r) => r.id));
  return rows.map((r) =>
    presentEntry(
      r,
      matched.filter((m) => m.entry_id === r.id),
      now,
    ),
  );
}

/** An entry the caller manages (else 404: the register's contents are need-to-know). */
async function findManaged(repo: ThreatRegisterRepository, caller: Actor, id: string): Promise<EntryRow> {
  const row = await repo.findEntry(id);
  if (!row || !manages(caller, row.organisation_id)) throw entryNotFound();
  return row;
}

export async function listEntries({
  deps,
  caller,
  query,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  query: ThreatEntryListQuery;
  meta?: RequestMeta;
}): Promise<ThreatEntryListResponse> {
  const scope = scopeOf(caller, 'threat_register.manage');
  if (query.organisationId && !scope.includes(query.organisationId)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const now = deps.now();
    const rows = await repo.listEntries({
      organisationIds: query.organisationId ? [query.organisationId] : scope,
      includeExpired: query.includeExpired === 'true',
      now,
    });
    // One audit entry per organisation whose register was read.
    const read = new Set(rows.map((r) => r.organisation_id));
    if (read.size === 0) read.add(query.organisationId ?? '');
    for (const organisationId of read) {
      await recordAudit(
        trx,
        {
          action: 'threat_register.entries_read',
          actorId: caller.userId,
          organisationId: organisationId || null,
          targetType: 'threat_register',
          ip: meta.ip,
          requestId: meta.requestId,
        },
        now,
      );
    }
    return { items: await present(repo, rows, now) };
  });
}

/** Adds an entry from a report the caller handles, under a case reference they give. */
export async function createEntry({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  input: CreateThreatEntryRequest;
  meta?: RequestMeta;
}): Promise<ThreatEntry> {
  const hmac = hashOrRefuse(deps, input.caseReference, 'body.caseReference');
  const facts = await loadAccessFacts(incidentsDb(deps.db), input.incidentId);
  if (!facts || !canReadIncident(caller, facts)) throw incidentNotFound();
  if (!canHandleIncident(caller, facts)) throw forbidden();
  return deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const incident = await repo.findIncident(input.incidentId);
    if (!incident) throw incidentNotFound();
    if (!incident.threat_register) {
      throw invalidThreatRequest([
        { path: 'body.incidentId', message: 'Reports of this type do not go in the known-threat register' },
      ]);
    }
    const organisationId =
      (await repo.secrecyBoundaries([incident.organisation_id])).get(incident.organisation_id) ??
      incident.organisation_id;
    if (!manages(caller, organisationId)) throw forbidden();
    if (await repo.entryExists(incident.id, hmac)) throw duplicateEntry();
    const now = deps.now();
    const created = await repo.insertEntry({
      case_ref_hmac: hmac,
      incident_id: incident.id,
      organisation_id: organisationId,
      type_id: incident.type_id,
      occurred_at: incident.occurred_at,
      months: deps.config.threatWarningMonths,
      note: input.note || null,
      created_by: caller.userId,
      now,
    });
    await recordAudit(
      trx,
      {
        action: 'threat_register.entry_created',
        actorId: caller.userId,
        organisationId,
        targetType: 'threat_register_entry',
        targetId: created.id,
        fields: ENTRY_FIELDS.filter((f) => f !== 'note' || input.note),
        ip: meta.ip,
        requestId: meta.requestId,
      },
      now,
    );
    return (await present(repo, [(await repo.findEntry(created.id))!], now))[0]!;
  });
}

/**
 * Corrects an entry: a new case reference is hashed again; a new date moves the expiry with it
 * unless an expiry is given too.
 */
export async function updateEntry({
  deps,
  caller,
  id,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  id: string;
  input: UpdateThreatEntryRequest;
  meta?: RequestMeta;
}): Promise<ThreatEntry> {
  const hmac =
    input.caseReference === undefined
      ? undefined
      : hashOrRefuse(deps, input.caseReference, 'body.caseReference');
  return deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const before = await findManaged(repo, caller, id);
    const now = deps.now();
    const occurredOn = input.occurredOn ?? before.occurred_on;
    if (occurredOn > stockholmToday(now))
      throw invalidThreatRequest([{ path: 'body.occurredOn', message: 'The date cannot be in the future' }]);
    const expiresAt =
      input.expiresAt !== undefined
        ? new Date(input.expiresAt)
        : occurredOn !== before.occurred_on
          ? await repo.expiryFor(occurredOn, deps.config.threatWarningMonths)
          : before.expires_at;
    if (expiresAt.getTime() <= (await repo.expiryFor(occurredOn, 0)).getTime())
      throw invalidThreatRequest([
        { path: 'body.expiresAt', message: 'The warning must expire after the day of the event' },
      ]);
    const after: EntryValues = {
      case_ref_hmac: hmac ?? before.case_ref_hmac,
      occurred_on: occurredOn,
      expires_at: expiresAt,
      note: input.note === undefined ? before.note : input.note || null,
    };
    const fields = (['case_ref_hmac', 'occurred_on', 'expires_at', 'note'] as const).filter((f) =>
      f === 'expires_at'
        ? after.expires_at.getTime() !== before.expires_at.getTime()
        : after[f] !== before[f],
    );
    if (fields.length > 0) {
      await repo.updateEntry(id, after, now);
      await recordAudit(
        trx,
        {
          action: 'threat_register.entry_updated',
          actorId: caller.userId,
          organisationId: before.organisation_id,
          targetType: 'threat_register_entry',
          targetId: id,
          fields: [...fields],
          ip: meta.ip,
          requestId: meta.requestId,
        },
        now,
      );
    }
    return (await present(repo, [(await repo.findEntry(id))!], now))[0]!;
  });
}

export async function deleteEntry({
  deps,
  caller,
  id,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  id: string;
  meta?: RequestMeta;
}): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const row = await findManaged(repo, caller, id);
    await repo.deleteEntry(id);
    await recordAudit(
      trx,
      {
        action: 'threat_register.entry_deleted',
        actorId: caller.userId,
        organisationId: row.organisation_id,
        targetType: 'threat_register_entry',
        targetId: id,
        fields: [...ENTRY_FIELDS],
        ip: meta.ip,
        requestId: meta.requestId,
      },
      deps.now(),
    );
  });
}

/**
 * Gives the case worker who registered a matching case access to the report behind an entry: they
 * join its need-to-know list (role `granted`, with who granted it and why), the report's timeline
 * and the audit log say so, and they are notified.
 */
export async function grantCaseWorkerAccess({
  deps,
  caller,
  id,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  id: string;
  input: ThreatGrantRequest;
  meta?: RequestMeta;
}): Promise<ThreatEntry> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const entry = await findManaged(repo, caller, id);
    const matched = (await repo.matchedCases([id])).find((m) => m.case_id === input.caseId);
    if (!matched) throw caseNotMatched();
    if (!entry.incident_id) throw entryWithoutIncident();
    const facts = await loadAccessFacts(incidentsDb(trx), entry.incident_id);
    if (!facts || !canHandleIncident(caller, facts)) throw forbidden();
    const now = deps.now();
    await repo.grantAccess({
      incident_id: entry.incident_id,
      user_id: matched.user_id,
      granted_by: caller.userId,
      reason: input.reason,
      now,
    });
    await queueNotifications(trx, now, [
      {
        userId: matched.user_id,
        incidentId: entry.incident_id,
        kind: 'incident.access_granted',
        data: { via: 'threat_register' },
      },
    ]);
    await recordAudit(
      trx,
      {
        action: 'threat_register.access_granted',
        actorId: caller.userId,
        organisationId: entry.organisation_id,
        targetType: 'incident',
        targetId: entry.incident_id,
        fields: ['incident_participants'],
        ip: meta.ip,
        requestId: meta.requestId,
      },
      now,
    );
    return (await present(repo, [(await repo.findEntry(id))!], now))[0]!;
  });
  deps.jobs?.kickNotifications();
  return result;
}
