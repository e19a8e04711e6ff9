import type { AuthorityDeadline, Incident } from '../../../domain/api/incidents.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { queueNotifications } from '../../platform/notifications.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { invalidField, notSerious } from './handling.errors.ts';
import { createHandlingRepository } from './handling.repository.ts';
import { changeIncident } from './handling.usecases.ts';
import { presentDeadline } from './incident.presenter.ts';
import { accessOrganisationId } from './incidents.policy.ts';

/** Incidents claimed per transaction by the sweep. */
const SWEEP_BATCH = 200;

/** Serious events the actor handles, with their deadline: overdue first, then due, then reported. */
export async function listAuthorityDeadlines({
  deps,
  actor,
}: {
  deps: AppDeps;
  actor: Actor;
}): Promise<AuthorityDeadline[]> {
  const now = deps.now();
  const rows = await createHandlingRepository(deps).listAuthorityDeadlines(actor, now);
  return rows.map((r) => presentDeadline(r, now));
}

/** Records that the Work Environment Authority was told of a serious event (or corrects when and under which reference). */
export async function reportToAuthority({
  input,
  ...args
}: {
  deps: AppDeps;
  actor: Actor;
  id: string;
  input: { reportedAt: string; reference?: string | null };
  meta?: RequestMeta;
}): Promise<Incident> {
  return changeIncident(args, async (c) => {
    if (!c.caps.handle) throw forbidden();
    if (!c.row.serious) throw notSerious();
    const reportedAt = new Date(input.reportedAt);
    if (reportedAt > c.now) throw invalidField('body.reportedAt', 'The time cannot be in the future');
    if (reportedAt < c.row.occurred_at)
      throw invalidField('body.reportedAt', 'The authority cannot have been told before the event happened');
    const reference = input.reference ?? null;
    await c.repo.setAuthorityReport(c.row.id, reportedAt, reference, c.now);
    await c.event('authority_reported', {
      data: {
        reportedAt: reportedAt.toISOString(),
        reference,
        late: c.row.authority_deadline_at !== null && reportedAt > c.row.authority_deadline_at,
      },
    });
    await c.audit('incident.authority_reported', ['authority_reported_at', 'authority_reference']);
  });
}

/**
 * Serious events must be reported to the Work Environment Authority within 24 hours. Run
 * periodically by a job (and by the test clock): sends the reminder `authorityReminderHours`
 * before the deadline and the overdue notice once it has passed, each once, to the incident's
 * manager, coordinator and assignee. Safe to run concurrently: each notice is claimed by one
 * UPDATE that marks it sent, skipping rows another run holds.
 */
export async function sweepAuthorityDeadlines({
  deps,
}: {
  deps: AppDeps;
}): Promise<{ reminded: number; overdue: number }> {
  const now = deps.now();
  const counts = { reminded: 0, overdue: 0 };
  for (const kind of ['reminder', 'overdue'] as const) {
    for (;;) {
      const claimed = await deps.db.transaction().execute(async (trx) => {
        const repo = createHandlingRepository({ db: trx });
        const rows = await repo.claimDue(kind, now, deps.config.authorityReminderHours, SWEEP_BATCH);
        for (const row of rows) {
          const deadlineAt = row.authority_deadline_at.toISOString();
          const hoursLeft = Math.max(
            0,
            Math.round((row.authority_deadline_at.getTime() - now.getTime()) / 3_600_000),
          );
          const data = kind === 'reminder' ? { deadlineAt, hoursLeft } : { deadlineAt };
          await repo.insertEvent({
            incidentId: row.id,
            at: now,
            actorId: null,
            kind: kind === 'reminder' ? 'authority_reminder_sent' : 'authority_overdue',
            data,
          });
          await recordAudit(
            trx,
            {
              action:
                kind === 'reminder' ? 'incident.authority_reminder_sent' : 'incident.authority_overdue_sent',
              organisationId: accessOrganisationId({
                organisationId: row.organisation_id,
                unitId: row.unit_id,
              }),
              targetType: 'incident',
              targetId: row.id,
              fields: [kind === 'reminder' ? 'authority_reminder_sent_at' : 'authority_overdue_sent_at'],
            },
            now,
          );
          const recipients = await repo.activeRecipients(row.id, ['manager', 'coordinator', 'assignee']);
          await queueNotifications(
            trx,
            now,
            recipients.map((userId) => ({
              userId,
              incidentId: row.id,
              kind: kind === 'reminder' ? 'incident.authority_reminder' : 'incident.authority_overdue',
              data,
            })),
          );
        }
        return rows.length;
      });
      if (kind === 'reminder') counts.reminded += claimed;
      else counts.overdue += claimed;
      if (claimed < SWEEP_BATCH) break;
    }
  }
  if (counts.reminded + counts.overdue > 0) deps.jobs?.kickNotifications();
  return counts;
}
