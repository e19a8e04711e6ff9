import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../server/config.ts';
import {
  type FacilityImportResult,
  importFacilities,
} from '../server/modules/facilities/facilities-import.usecases.ts';
import { SYSTEM } from '../server/platform/actor.ts';
import type { AppDeps } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

const FLAGS = { 'dry-run': { type: 'boolean' } } as const;

/** The outcome in one paragraph, or the errors as `FILE:LINE: column: message` (so editors can jump to them). */
export function formatFacilityImport(file: string, r: FacilityImportResult): { ok: boolean; text: string } {
  if (r.errors.length > 0) {
    const lines = r.errors.map((e) => `${file}:${e.line}: ${e.column ? `${e.column}: ` : ''}${e.message}`);
    lines.push(`${r.errors.length} ${r.errors.length === 1 ? 'error' : 'errors'}: nothing was imported.`);
    return { ok: false, text: lines.join('\n') };
  }
  const summary = `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`;
  const outside = r.outsideAreas > 0 ? ` ${r.outsideAreas} lie outside every area (no area set).` : '';
  return {
    ok: true,
    text: `${r.dryRun ? `Dry run (nothing written): ${r.rows} rows would give ${summary}.` : `${r.rows} rows: ${summary}.`}${outside}`,
  };
}

/** `trygg import facilities FILE.csv [--dry-run]` */
export async function importFacilitiesCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, FLAGS);
  if (positionals.length !== 1) throw new UsageError('import facilities needs exactly one CSV file');
  const file = positionals[0]!;
  let csv: string;
  try {
    csv = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const config = loadCfg();
  return withDatabase(config, async ({ db }) => {
    const deps: AppDeps = { config, db, now: () => new Date() };
    try {
      const result = await importFacilities({
        deps,
        caller: SYSTEM,
        csv,
        dryRun: values['dry-run'] ?? false,
      });
      const { ok, text } = formatFacilityImport(path.basename(file), result);
      (ok ? console.log : console.error)(text);
      return ok ? 0 : 1;
    } catch (err) {
      if (err instanceof AppError) {
        console.error(`trygg: ${err.message}`);
        return 1;
      }
      throw err;
    }
  });
}
