import type { Config } from '../server/config.ts';

/** `trygg rollups rebuild` */
export async function rollupsCommand(_loadCfg: () => Config, _args: string[]): Promise<number> {
  console.error('trygg: not implemented yet');
  return 1;
}
