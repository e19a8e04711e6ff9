import { bootstrap } from '../server/bootstrap.ts';
import type { Config } from '../server/config.ts';
import {
  addIncidentsToDemoCity,
  createDemoCity,
  DEFAULT_DEMO_SEED,
  type DemoResult,
  formatDemoUsers,
  PARALLEL_FROM,
} from '../server/modules/demo/demo.usecases.ts';
import { DEMO_INCIDENTS_FULL } from '../server/modules/demo/demo-incidents.ts';
import { AppError } from '../server/platform/errors.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--${flag} must be a whole number ≥ 0 (got "${value}")`);
  return Number(value);
}

const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');

/**
 * Progress of the incidents on stderr: one line rewritten in place on a terminal, otherwise a line
 * every tenth (and none for small amounts).
 */
function progressPrinter(total: number): { update(done: number): void; finish(): void } {
  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  let lastTenth = 0;
  let shown = false;
  const line = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? (total - done) / rate : 0;
    return `incidents: ${thousands(done)} / ${thousands(total)} (${Math.floor((100 * done) / total)} %), ${thousands(rate)}/s, ${Math.ceil(left)} s left`;
  };
  return {
    update(done) {
      if (total < 20_000) return;
      if (tty) {
        process.stderr.write(`\r${line(done)}\u001b[K`);
        shown = true;
        return;
      }
      const tenth = Math.floor((10 * done) / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${line(done)}\n`);
      }
    },
    finish() {
      if (tty && shown) process.stderr.write('\n');
    },
  };
}

function printIncidents(result: Pick<DemoResult, 'incidents'>): void {
  const i = result.incidents;
  if (!i) return;
  const rows = i.incidents + i.participants + i.events;
  console.log(
    `Incidents: ${thousands(i.incidents)} over the last three years (${thousands(i.participants)} participants, ${thousands(i.events)} timeline events) in ${(i.ms / 1000).toFixed(1)} s: ${thousands(i.incidents / (i.ms / 1000))} incidents/s, ${thousands(rows / (i.ms / 1000))} rows/s.`,
  );
}

/**
 * `trygg demo [--seed N] [--incidents N]`: creates the demo city on an empty database (setting up
 * the municipality and first administrator first, as `serve` does) with N incidents over the last
 * three years (default 90,000), and prints its accounts once. On a database that already holds
 * the demo city, `--incidents N` adds N more incidents (for benchmarks: millions are fine).
 */
export async function demoCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { seed: { type: 'string' }, incidents: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  const seed = count('seed', values.seed, DEFAULT_DEMO_SEED);
  const incidents = count('incidents', values.incidents, DEMO_INCIDENTS_FULL);
  const config = loadCfg();
  return withDatabase(config, async ({ db }) => {
    const { createdAdmin } = await bootstrap(db, config);
    if (createdAdmin)
      console.log(
        createdAdmin.generated
          ? `First administrator created: ${createdAdmin.email}, password ${createdAdmin.password} (shown only this once)`
          : `First administrator created: ${createdAdmin.email} (password from TRYGG_ADMIN_PASSWORD)`,
      );
    const deps = { config, db, now: () => new Date() };
    // Millions: the city first (one transaction), then the incidents on two connections that commit together.
    const separately = incidents >= PARALLEL_FROM;
    const progress = progressPrinter(incidents);
    try {
      const result = await createDemoCity(deps, {
        seed,
        incidents: separately ? 0 : incidents,
        onProgress: progress.update,
      });
      progress.finish();
      if (separately && result.status === 'created') {
        const more = progressPrinter(incidents);
        result.incidents = await addIncidentsToDemoCity(deps, {
          seed,
          count: incidents,
          onProgress: more.update,
        });
        result.counts.incidents = result.incidents.incidents;
        more.finish();
      }
      if (result.status === 'exists') {
        if (values.incidents === undefined || incidents === 0) {
          console.log(
            'The demo city is already there; nothing changed (`trygg demo --incidents N` adds N incidents to it).',
          );
          return 0;
        }
        const more = progressPrinter(incidents);
        const added = await addIncidentsToDemoCity(deps, { seed, count: incidents, onProgress: more.update });
        more.finish();
        printIncidents({ incidents: added });
        return 0;
      }
      const c = result.counts;
      console.log(
        `Demo city created from seed ${seed} in ${(result.ms / 1000).toFixed(1)} s: ${c.organisations} organisations, ${c.areas} areas, ${c.facilities} facilities, ${c.users} users, ${c.assignments} coordinator assignments, ${thousands(c.incidents)} incidents, and the programme.`,
      );
      printIncidents(result);
      const st = result.statistics;
      if (st)
        console.log(
          `Statistics: ${thousands(st.population)} population rows, ${thousands(st.survey)} survey results, ${thousands(st.reportedCrime)} reported-crime rows and ${thousands(st.policeEvents)} police events${st.policeSkipped ? ` (police events left out: ${st.policeSkipped})` : ''}, in ${(st.ms / 1000).toFixed(1)} s.`,
        );
      const showcase = result.users.filter((u) => u.showcase);
      console.log(
        `\nDemo accounts, one per role (passwords shown only this once):\n\n${formatDemoUsers(showcase)}\n`,
      );
      if (result.cast?.users.length)
        console.log(
          `To follow incidents from report to closure in one committee (${result.cast.organisation}): an employee, the unit manager, the security coordinator, a case worker and the crime prevention coordinator:\n\n${formatDemoUsers(result.cast.users)}\n`,
        );
      const register = result.threatRegister;
      if (register)
        console.log(
          `Known threats are recorded for the (fictional) client case references ${register.references.join(', ')}; ${register.caseWorker} has registered ${register.registered.join(' and ')} as their cases and sees the warning (try the others under "Known threats").\n`,
        );
      const others = result.users.filter((u) => !u.showcase);
      if (others.length > 0)
        console.log(
          `The ${others.length} other accounts (coordinators, managers and staff, e.g. ${others[0]!.email}) share the password ${others[0]!.password} (\`trygg users list\` lists them).\n`,
        );
      console.log(
        `Deliberate gaps in coordinator coverage: ${result.gaps.map((g) => `${g.organisation} (${g.function}: ${g.problem})`).join('; ')}`,
      );
      return 0;
    } catch (err) {
      progress.finish();
      if (err instanceof AppError && (err.code === 'demo.not_empty' || err.code === 'demo.missing')) {
        console.error(`trygg: ${err.message}`);
        return 1;
      }
      throw err;
    }
  });
}
