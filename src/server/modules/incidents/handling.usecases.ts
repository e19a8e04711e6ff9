import type { Kysely, Transaction } from 'kysely';
import type { AssignableUser, Incident, IncidentState, SupportItem } from '../../../domain/api/incidents.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import type { Database } from '../../db/types.ts';
import { loadActor } from '../../platform/access.ts';
import { type AuditEntry, recordAudit, recordAuditNow } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { type NewNotification, queueNotifications } from '../../platform/notifications.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import {
  alreadyGranted,
  attachmentNotFound,
  grantNotFound,
  incidentNotFound,
  internalCommentForbidden,
  invalidField,
  invalidTransition,
  supportItemNotFound,
  supportNotApplicable,
} from './handling.errors.ts';
import {
  createHandlingRepository,
  type HandlingRepository,
  type IncidentDetailRow,
  type ParticipantRow,
} from './handling.repository.ts';
import { presentIncident } from './incident.presenter.ts';
import {
  accessOrganisationId,
  canHandleIncident,
  canReadIncident,
  type IncidentAccessFacts,
  isParticipant,
  loadAccessFacts,
} from './incidents.policy.ts';
import { incidentsDb } from './incidents.tables.ts';

const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** Groups whose incidents keep the support checklist (AFS 2023:2). */
export const SUPPORT_GROUPS: ReadonlySet<string> = new Set(['threat_violence', 'undue_influence']);

/** The states an incident may move to from each state; leaving `closed` is reopening. */
export const TRANSITIONS: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  received: ['investigating', 'closed'],
  investigating: ['measures_decided', 'closed'],
  measures_decided: ['closed'],
  closed: ['investigating'],
};

type Db = Kysely<Database> | Transaction<Database>;
type Facts = IncidentAccessFacts & { id: string };

const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The calendar day it is in Sweden at `now`, as 'YYYY-MM-DD'. */
export const swedishDay = (now: Date) => SWEDISH_DAY.format(now);

/** What the actor may do with the incident, for the `can` flags and the checks behind them. */
export function capabilities(
  actor: Actor,
  facts: IncidentAccessFacts,
  row: Pick<IncidentDetailRow, 'serious' | 'group_code'>,
  participants: readonly Pick<ParticipantRow, 'user_id' | 'role'>[],
) {
  const handle = canHandleIncident(actor, facts);
  const involved = isParticipant(actor, facts);
  const sensitiveHere = can(actor, 'sensitive.read', { organisationId: accessOrganisationId(facts) });
  const routedCoordinator = participants.some((p) => p.user_id === actor.userId && p.role === 'coordinator');
  return {
    handle,
    assign: handle,
    comment: handle || involved,
    grant: handle && (sensitiveHere || (routedCoordinator && can(actor, 'sensitive.read'))),
    reportAuthority: handle && row.serious,
    support: handle && SUPPORT_GROUPS.has(row.group_code),
  };
}

/**
 * The incident as the actor sees it now (inside the caller's transaction when given one). A read
 * passes the access facts it has just checked, so they are not loaded twice.
 */
async function presentFor(db: Db, actor: Actor, id: string, now: Date, known?: Facts): Promise<Incident> {
  const repo = createHandlingRepository({ db });
  // One after another: inside a transaction they share one connection anyway, and a read should not
  // hold several of the pool's connections at once.
  const row = await repo.findIncident(id);
  const facts = known ?? (await loadAccessFacts(incidentsDb(db), id));
  if (!row || !facts) throw incidentNotFound();
  const participants = await repo.listParticipants(id);
  const events = await repo.listEvents(id);
  const attachments = await repo.listAttachments(id);
  const supportItems = await repo.listSupportItems(id);
  const caps = capabilities(actor, facts, row, participants);
  // After a change that ended the caller's own involvement (handing the incident to someone else) they
  // get the narrow view, with nothing left to do.
  const readable = canReadIncident(actor, facts);
  return presentIncident(
    { row, participants, events, attachments, supportItems },
    {
      view: caps.handle ? 'handler' : 'participant',
      viewerId: actor.userId,
      now,
      can: readable ? caps : Object.fromEntries(Object.keys(caps).map((k) => [k, false])),
    },
  );
}

/** The facts for a read; a refused attempt on an existing incident is audited, then answered 403. */
async function authorizeRead(deps: AppDeps, actor: Actor, id: string, meta: RequestMeta): Promise<Facts> {
  const facts = await loadAccessFacts(incidentsDb(deps.db), id);
  if (!facts) throw incidentNotFound();
  if (!canReadIncident(actor, facts)) {
    await recordAuditNow(
      deps.db,
      {
        action: 'incident.read_denied',
        actorId: actor.userId,
        organisationId: accessOrganisationId(facts),
        targetType: 'incident',
        targetId: id,
        ip: meta.ip,
        requestId: meta.requestId,
      },
      deps.now(),
    );
    throw forbidden();
  }
  return facts;
}

/** One incident, whole for those handling it, the participant view for the others involved. */
export async function getIncident({
  deps,
  actor,
  id,
  meta = NO_META,
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  meta?: RequestMeta;
}): Promise<Incident> {
  const facts = await authorizeRead(deps, actor, id, meta);
  const incident = await presentFor(deps.db, actor, id, deps.now(), facts);
  if (facts.needToKnow) {
    await recordAuditNow(
      deps.db,
      {
        action: 'incident.read',
        actorId: actor.userId,
        organisationId: accessOrganisationId(facts),
        targetType: 'incident',
        targetId: id,
        fields: [incident.view],
        ip: meta.ip,
        requestId: meta.requestId,
      },
      deps.now(),
    );
  }
  return incident;
}

/** An attachment's file, for those who may read the incident; every download is audited. */
export async function getAttachment({
  deps,
  actor,
  id,
  attachmentId,
  meta = NO_META,
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  attachmentId: string;
  meta?: RequestMeta;
}): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const facts = await authorizeRead(deps, actor, id, meta);
  const file = await createHandlingRepository(deps).findAttachment(id, attachmentId);
  if (!file) throw attachmentNotFound();
  await recordAuditNow(
    deps.db,
    {
      action: 'incident.attachment_read',
      actorId: actor.userId,
      organisationId: accessOrganisationId(facts),
      targetType: 'incident_attachment',
      targetId: attachmentId,
      ip: meta.ip,
      requestId: meta.requestId,
    },
    deps.now(),
  );
  return { fileName: file.file_name, mediaType: file.media_type, content: file.content };
}

// --- Changes ------------------------------------------------------------------------------------

/** What a change gets: the locked incident, its facts, and helpers that write into the same transaction. */
export interface ChangeContext {
  trx: Transaction<Database>;
  repo: HandlingRepository;
  row: IncidentDetailRow;
  facts: Facts;
  participants: ParticipantRow[];
  caps: ReturnType<typeof capabilities>;
  now: Date;
  /** A timeline event by the actor. */
  event(
    kind: string,
    e?: { visibility?: 'internal' | 'reporter'; body?: string | null; data?: object },
  ): Promise<string>;
  audit(action: string, fields: string[]): Promise<void>;
  notify(items: NewNotification[]): void;
}

/**
 * Runs one change in one transaction: locks the incident, checks that the actor may read it (else
 * 403; missing: 404), lets `work` check the rest and write, queues its notifications, touches
 * `updated_at`, and answers with the incident as the actor now sees it. Notifications are kicked
 * after commit.
 */
export async function changeIncident(
  { deps, actor, id, meta = NO_META }: { deps: AppDeps; actor: Actor; id: string; meta?: RequestMeta },
  work: (c: ChangeContext) => Promise<void>,
): Promise<Incident> {
  const notifications: NewNotification[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const repo = createHandlingRepository({ db: trx });
    const row = await repo.findIncident(id, { lock: true });
    const facts = row && (await loadAccessFacts(incidentsDb(trx), id));
    if (!row || !facts) throw incidentNotFound();
    if (!canReadIncident(actor, facts)) throw forbidden();
    const participants = await repo.listParticipants(id);
    const now = deps.now();
    await work({
      trx,
      repo,
      row,
      facts,
      participants,
      caps: capabilities(actor, facts, row, participants),
      now,
      event: (kind, e = {}) =>
        repo.insertEvent({
          incidentId: id,
          at: now,
          actorId: actor.userId,
          kind,
          visibility: e.visibility,
          body: e.body,
          data: e.data as Record<string, unknown> | undefined,
        }),
      audit: (action, fields) =>
        recordAudit(
          trx,
          {
            action,
            actorId: actor.userId,
            organisationId: accessOrganisationId(facts),
            targetType: 'incident',
            targetId: id,
            fields,
            ip: meta.ip,
            requestId: meta.requestId,
          } satisfies AuditEntry,
          now,
        ),
      notify: (items) => notifications.push(...items),
    });
    await repo.touch(id, now);
    const recipients = notifications.filter((n) => n.userId !== actor.userId);
    await queueNotifications(trx, now, dedupe(recipients));
    return presentFor(trx, actor, id, now);
  });
  if (notifications.length > 0) deps.jobs?.kickNotifications();
  return result;
}

function dedupe(items: NewNotification[]): NewNotification[] {
  const seen = new Set<string>();
  return items.filter((n) => {
    const key = `${n.userId}|${n.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const requireHandler = (c: ChangeContext) => {
  if (!c.caps.handle) throw forbidden();
};

/** The reporter (unless anonymous) and the affected person: who is told of what happens to the report. */
async function reporterSide(c: ChangeContext): Promise<string[]> {
  const ids = await c.repo.activeRecipients(c.row.id, ['reporter', 'affected']);
  if (c.row.reporter_id && !c.row.anonymous && !ids.includes(c.row.reporter_id)) {
    const reporter = await c.repo.findUser(c.row.reporter_id);
    if (reporter && !reporter.disabled_at) ids.push(reporter.id);
  }
  return ids;
}

export async function transitionIncident({
  input,
  ...args
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  input: { to: IncidentState; reason?: string };
  meta?: RequestMeta;
}): Promise<Incident> {
  return changeIncident(args, async (c) => {
    requireHandler(c);
    const from = c.row.state;
    const to = input.to;
    if (!TRANSITIONS[from].includes(to)) throw invalidTransition({ from, to, allowed: TRANSITIONS[from] });
    const reason = input.reason ?? null;
    if (!reason && to === 'closed') throw invalidField('body.reason', 'Say why the incident is closed');
    if (!reason && from === 'closed') throw invalidField('body.reason', 'Say why the incident is reopened');
    const closing = to === 'closed';
    await c.repo.setState(c.row.id, {
      state: to,
      closedAt: closing ? c.now : null,
      closedReason: closing ? reason : null,
      now: c.now,
    });
    await c.event('state_changed', {
      visibility: 'reporter',
      data: { from, to, reason, reopened: from === 'closed' },
    });
    await c.audit('incident.state_changed', ['state', 'closed_at', 'closed_reason']);
    const data = { from, to, reason };
    c.notify(
      (await reporterSide(c)).map((userId) => ({
        userId,
        incidentId: c.row.id,
        kind: 'incident.state_changed',
        data,
      })),
    );
  });
}

/** Users the incident may be assigned to (see the repository for the rule). */
export async function listAssignableUsers({
  deps,
  actor,
  id,
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
}): Promise<AssignableUser[]> {
  const facts = await loadAccessFacts(incidentsDb(deps.db), id);
  if (!facts) throw incidentNotFound();
  if (!canHandleIncident(actor, facts)) throw forbidden();
  return createHandlingRepository(deps).listAssignableUsers({
    incidentId: id,
    accessOrganisationId: accessOrganisationId(facts),
    needToKnow: facts.needToKnow,
  });
}

export async function assignIncident({
  input,
  ...args
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  input: { userId: string | null };
  meta?: RequestMeta;
}): Promise<Incident> {
  return changeIncident(args, async (c) => {
    requireHandler(c);
    const previous = c.row.assignee_id;
    const next = input.userId;
    if (previous === next) return;
    let nextName: string | null = null;
    if (next) {
      const user = await c.repo.findUser(next);
      // The one rule decides: the new assignee must be able to handle the incident as it stands.
      const target = user && !user.disabled_at ? (await loadActor(c.trx, next)).actor : null;
      if (!user || !target || !canHandleIncident(target, c.facts))
        throw invalidField(
          'body.userId',
          'The user cannot handle this incident (see GET /api/incidents/:id/assignable-users)',
        );
      nextName = user.name;
      await c.repo.addParticipant({ incidentId: c.row.id, userId: next, role: 'assignee', now: c.now });
    }
    if (previous) await c.repo.removeParticipant(c.row.id, previous, 'assignee');
    await c.repo.setAssignee(c.row.id, next, c.now);
    await c.event('assigned', {
      data: {
        assigneeId: next,
        assigneeName: nextName,
        previousAssigneeId: previous,
        previousAssigneeName: c.row.assignee_name,
      },
    });
    await c.audit('incident.assigned', ['assignee_id']);
    if (next) {
      const actorRow = await c.repo.findUser(args.actor.userId);
      c.notify([
        {
          userId: next,
          incidentId: c.row.id,
          kind: 'incident.assigned',
          data: { byName: actorRow?.name ?? null },
        },
      ]);
    }
  });
}

/**
 * A comment. Handlers write internal notes or messages to the reporter; the reporter, the affected
 * person and others involved who do not handle the incident may answer, always visible to the
 * reporter side. A message to the reporter notifies them; an answer notifies those handling it.
 */
export async function addComment({
  input,
  ...args
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  input: { body: string; visibility: 'internal' | 'reporter' };
  meta?: RequestMeta;
}): Promise<Incident> {
  return changeIncident(args, async (c) => {
    if (!c.caps.handle && input.visibility === 'internal') throw internalCommentForbidden();
    const eventId = await c.event('comment', { visibility: input.visibility, body: input.body });
    await c.audit('incident.commented', ['timeline']);
    if (input.visibility === 'internal') return;
    const from = c.caps.handle ? 'handler' : 'participant';
    const recipients = c.caps.handle
      ? await reporterSide(c)
      : await c.repo.activeRecipients(
          c.row.id,
          c.row.assignee_id ? ['assignee'] : ['manager', 'coordinator'],
        );
    c.notify(
      recipients.map((userId) => ({
        userId,
        incidentId: c.row.id,
        kind: 'incident.comment',
        data: { eventId, from },
      })),
    );
  });
}

function requireSupport(c: ChangeContext) {
  requireHandler(c);
  if (!SUPPORT_GROUPS.has(c.row.group_code)) throw supportNotApplicable();
}

export async function recordSupportItem({
  item,
  input,
  ...args
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  item: SupportItem;
  input: { doneOn: string; note?: string | null };
  meta?: RequestMeta;
}): Promise<Incident> {
  return changeIncident(args, async (c) => {
    requireSupport(c);
    if (input.doneOn > swedishDay(c.now))
      throw invalidField('body.doneOn', 'The date cannot be in the future');
    await c.repo.upsertSupportItem({
      incidentId: c.row.id,
      item,
      doneOn: input.doneOn,
      note: input.note ?? null,
      recordedBy: args.actor.userId,
      now: c.now,
    });
    await c.event('support_item_recorded', { data: { item, doneOn: input.doneOn } });
    await c.audit('incident.support_item_recorded', [`support.${item}`]);
  });
}

export async function deleteSupportItem({
  item,
  ...args
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  item: SupportItem;
  meta?: RequestMeta;
}): Promise<Incident> {
  return changeIncident(args, async (c) => {
    requireSupport(c);
    if (!(await c.repo.deleteSupportItem(c.row.id, item))) throw supportItemNotFound();
    await c.event('support_item_removed', { data: { item } });
    await c.audit('incident.support_item_removed', [`support.${item}`]);
  });
}

/**
 * Explicit need-to-know: the organisation's security coordinator (or the coordinator the report was
 * routed to) lets someone of the same committee or company read the incident. Secrecy holds between
 * committees, so nobody outside the incident's organisation can be granted access.
 */
export async function grantAccess({
  input,
  ...args
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  input: { userId: string; reason: string };
  meta?: RequestMeta;
}): Promise<Incident> {
  return changeIncident(args, async (c) => {
    if (!c.caps.grant) throw forbidden();
    const user = await c.repo.findUser(input.userId);
    if (!user || user.disabled_at) throw invalidField('body.userId', 'No such active user');
    if (!(await c.repo.holdsRoleWithin(user.id, c.row.organisation_id)))
      throw invalidField(
        'body.userId',
        "Access can only be granted to someone holding a role in the incident's committee or company",
      );
    const added = await c.repo.addParticipant({
      incidentId: c.row.id,
      userId: user.id,
      role: 'granted',
      grantedBy: args.actor.userId,
      reason: input.reason,
      now: c.now,
    });
    if (!added) throw alreadyGranted();
    await c.event('access_granted', { data: { userId: user.id, userName: user.name, reason: input.reason } });
    await c.audit('incident.access_granted', ['participants']);
    const actorRow = await c.repo.findUser(args.actor.userId);
    c.notify([
      {
        userId: user.id,
        incidentId: c.row.id,
        kind: 'incident.access_granted',
        data: { byName: actorRow?.name ?? null },
      },
    ]);
  });
}

export async function revokeAccess({
  userId,
  ...args
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  userId: string;
  meta?: RequestMeta;
}): Promise<Incident> {
  return changeIncident(args, async (c) => {
    if (!c.caps.grant) throw forbidden();
    if (!(await c.repo.removeParticipant(c.row.id, userId, 'granted'))) throw grantNotFound();
    const user = await c.repo.findUser(userId);
    await c.event('access_revoked', { data: { userId, userName: user?.name ?? null } });
    await c.audit('incident.access_revoked', ['participants']);
  });
}
