import type { Config } from '../server/config.ts';
import { rebuildAllRollups } from '../server/modules/rollups/rollups.usecases.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

/** `trygg rollups rebuild` */
export async function rollupsCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals[0] !== 'rebuild' || positionals.length !== 1)
    throw new UsageError(`Unknown rollups command: ${positionals.join(' ') || '(none)'}`);
  return withDatabase(loadCfg(), async ({ db }) => {
    const started = performance.now();
    const { incidentRows, cellRows } = await rebuildAllRollups(db);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Rollups rebuilt in ${seconds.toFixed(1)} s: ${incidentRows} incident rollup rows and ${cellRows} picture cells of own incidents written; police events' cells rebuilt.`,
    );
    return 0;
  });
}
