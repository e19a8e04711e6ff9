import type { AppDeps } from '../../platform/context.ts';

/**
 * Serious events must be reported to the Work Environment Authority within 24 hours. Run
 * periodically by a job (and by the test clock): sends the reminder `authorityReminderHours`
 * before the deadline and the overdue notice once it has passed, each once.
 */
export async function sweepAuthorityDeadlines(_opts: {
  deps: AppDeps;
}): Promise<{ reminded: number; overdue: number }> {
  return { reminded: 0, overdue: 0 };
}
