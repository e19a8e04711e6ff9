import { bootstrap } from '../server/bootstrap.ts';
import type { Config } from '../server/config.ts';
import { seedStockholmProgramme } from '../server/modules/programme/stockholm-2018-2021.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

/**
 * `trygg programme seed-stockholm`: loads Stockholm's programme 2018–2021 (demo data, with 2013–2016
 * retired) into the municipality. Idempotent. On an empty database it first sets up the municipality
 * and the first administrator, exactly as `trygg serve` does at its first start.
 */
export async function programmeCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals[0] !== 'seed-stockholm' || positionals.length !== 1)
    throw new UsageError(`Unknown programme command: ${positionals.join(' ') || '(none)'}`);
  const config = loadCfg();
  return withDatabase(config, async ({ db }) => {
    const { createdAdmin } = await bootstrap(db, config);
    if (createdAdmin) {
      console.log(
        createdAdmin.generated
          ? `First administrator created: ${createdAdmin.email}, password ${createdAdmin.password} (shown only this once)`
          : `First administrator created: ${createdAdmin.email} (password from TRYGG_ADMIN_PASSWORD)`,
      );
    }
    const result = await seedStockholmProgramme(db, { now: () => new Date() });
    console.log(
      result.created
        ? "Loaded Stockholm's safety and security programme 2018–2021 (demo data; 2013–2016 retired)."
        : 'The municipality already has a programme; nothing changed.',
    );
    return 0;
  });
}
