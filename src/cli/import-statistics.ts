import type { Config } from '../server/config.ts';

/** `trygg import survey|population|reported-crime FILE.csv [--dry-run]` (the first argument is the kind) */
export async function importStatisticsCommand(_loadCfg: () => Config, _args: string[]): Promise<number> {
  console.error('trygg: not implemented yet');
  return 1;
}
