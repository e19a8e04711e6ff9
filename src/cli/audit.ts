import type { Config } from '../server/config.ts';
import { verifyAuditChain } from '../server/platform/audit.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

export async function auditCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals[0] !== 'verify' || positionals.length !== 1)
    throw new UsageError(`Unknown audit command: ${positionals.join(' ') || '(none)'}`);
  return withDatabase(loadCfg(), async ({ db }) => {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      console.log(`The audit log is intact: ${result.checked} entries checked.`);
      return 0;
    }
    const broken = result.firstBroken!;
    console.error(
      `The audit log is broken at entry ${broken.id}: ${broken.reason === 'hash' ? 'its content does not match its hash (altered)' : 'it does not link to the entry before it (an entry was removed or inserted)'}. ${result.checked} entries before it are intact.`,
    );
    return 1;
  });
}
