import type { Config } from '../server/config.ts';

/** `trygg import police-events FILE.json` */
export async function importPoliceEventsCommand(_loadCfg: () => Config, _args: string[]): Promise<number> {
  console.error('trygg: not implemented yet');
  return 1;
}
