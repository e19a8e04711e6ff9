import { bootstrap } from '../server/bootstrap.ts';
import type { Config } from '../server/config.ts';
import { createDemoCity, DEFAULT_DEMO_SEED, formatDemoUsers } from '../server/modules/demo/demo.usecases.ts';
import { AppError } from '../server/platform/errors.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--${flag} must be a whole number ≥ 0 (got "${value}")`);
  return Number(value);
}

/**
 * `trygg demo [--seed N] [--incidents N]`: creates the demo city on an empty database (setting up
 * the municipality and first administrator first, as `serve` does) and prints its accounts once.
 */
export async function demoCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { seed: { type: 'string' }, incidents: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  const seed = count('seed', values.seed, DEFAULT_DEMO_SEED);
  const incidents = count('incidents', values.incidents, 0);
  const config = loadCfg();
  return withDatabase(config, async ({ db }) => {
    const { createdAdmin } = await bootstrap(db, config);
    if (createdAdmin)
      console.log(
        createdAdmin.generated
          ? `First administrator created: ${createdAdmin.email}, password ${createdAdmin.password} (shown only this once)`
          : `First administrator created: ${createdAdmin.email} (password from TRYGG_ADMIN_PASSWORD)`,
      );
    try {
      const result = await createDemoCity({ config, db, now: () => new Date() }, { seed });
      if (result.status === 'exists') {
        console.log('The demo city is already there; nothing changed.');
      } else {
        const c = result.counts;
        console.log(
          `Demo city created from seed ${seed} in ${(result.ms / 1000).toFixed(1)} s: ${c.organisations} organisations, ${c.areas} areas, ${c.facilities} facilities, ${c.users} users, ${c.assignments} coordinator assignments, and the programme.`,
        );
        console.log(
          `\nDemo accounts (passwords shown only this once):\n\n${formatDemoUsers(result.users)}\n`,
        );
        console.log(
          `Deliberate gaps in coordinator coverage: ${result.gaps.map((g) => `${g.organisation} (${g.function}: ${g.problem})`).join('; ')}`,
        );
      }
      if (incidents > 0)
        console.log(
          `--incidents ${incidents}: no incidents generated yet; they arrive with the incident-reporting issue.`,
        );
      return 0;
    } catch (err) {
      if (err instanceof AppError && err.code === 'demo.not_empty') {
        console.error(`trygg: ${err.message}`);
        return 1;
      }
      throw err;
    }
  });
}
