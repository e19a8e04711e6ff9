import fs from 'node:fs';
import path from 'node:path';
import type { ImportOrganisationsResponse, ImportRowError } from '../domain/api/organisations.ts';
import type { Config } from '../server/config.ts';
import { importOrganisations } from '../server/modules/organisations/organisations-import.usecases.ts';
import { SYSTEM } from '../server/platform/actor.ts';
import type { AppDeps } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

const FLAGS = { 'dry-run': { type: 'boolean' } } as const;

/** One line per row: what happened to it. */
export function formatImportReport(file: string, report: ImportOrganisationsResponse): string {
  const lines = report.rows.map((r) => `${file}:${r.line}: ${r.result}: ${r.name}`);
  const summary = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`;
  lines.push(report.dryRun ? `Dry run (nothing written): would be ${summary}.` : `${summary}.`);
  return lines.join('\n');
}

/** Errors as `FILE:LINE: column: message`, the way compilers report them, so editors can jump to them. */
export function formatImportErrors(file: string, errors: readonly ImportRowError[]): string {
  return errors.map((e) => `${file}:${e.line}: ${e.column ? `${e.column}: ` : ''}${e.message}`).join('\n');
}

/** `trygg import organisations FILE.csv [--dry-run]` */
export async function importOrganisationsCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, FLAGS);
  if (positionals.length !== 1) throw new UsageError('import organisations needs exactly one CSV file');
  const file = positionals[0]!;
  let csv: string;
  try {
    csv = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const name = path.basename(file);
  const config = loadCfg();
  return withDatabase(config, async ({ db }) => {
    const deps: AppDeps = { config, db, now: () => new Date() };
    try {
      const report = await importOrganisations({
        deps,
        caller: SYSTEM,
        csv,
        dryRun: values['dry-run'] ?? false,
      });
      console.log(formatImportReport(name, report));
      return 0;
    } catch (err) {
      if (err instanceof AppError && err.code === 'organisations.import_invalid') {
        const errors = err.details as ImportRowError[];
        console.error(formatImportErrors(name, errors));
        console.error(`${errors.length} ${errors.length === 1 ? 'error' : 'errors'}: nothing was imported.`);
        return 1;
      }
      if (err instanceof AppError) {
        console.error(`trygg: ${err.message}`);
        return 1;
      }
      throw err;
    }
  });
}
