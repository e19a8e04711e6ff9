import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../server/config.ts';
import {
  type CsvImportResult,
  importStatisticsCsv,
  type StatisticsCsvKind,
} from '../server/modules/statistics/csv-imports.usecases.ts';
import type { AppDeps } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

const FLAGS = { 'dry-run': { type: 'boolean' } } as const;
const KINDS: Record<string, StatisticsCsvKind> = {
  survey: 'survey',
  population: 'population',
  'reported-crime': 'reported_crime',
};

interface RowProblem {
  line: number;
  column?: string;
  message: string;
}

/** Per-row errors as `FILE:LINE: column: message` (editors jump to them) and a closing count. */
export function formatStatisticsErrors(
  file: string,
  errors: RowProblem[],
  errorCount = errors.length,
): string {
  const lines = errors.map((e) => `${file}:${e.line}: ${e.column ? `${e.column}: ` : ''}${e.message}`);
  if (errorCount > errors.length) lines.push(`… and ${errorCount - errors.length} more`);
  lines.push(`${errorCount} ${errorCount === 1 ? 'error' : 'errors'}: nothing was imported.`);
  return lines.join('\n');
}

/** The summary line of an import that went through. */
export function formatStatisticsSummary(r: CsvImportResult, dryRun: boolean): string {
  const counts = `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`;
  const coverage = r.coverageFrom && r.coverageTo ? ` Covers ${r.coverageFrom} to ${r.coverageTo}.` : '';
  return dryRun
    ? `Dry run (nothing written): ${r.rows} rows would give ${counts}.${coverage}`
    : `${r.rows} rows: ${counts}.${coverage}`;
}

/** A progress bar on one line of a terminal: `validating [#####-----]  50%  500/1000`. */
export function progressBar(stage: string, done: number, total: number, width = 30): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  return `${stage.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${done}/${total}`;
}

/** `trygg import survey|population|reported-crime FILE.csv [--dry-run]` (the first argument is the kind) */
export async function importStatisticsCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const [what, ...rest] = args;
  const kind = KINDS[what ?? ''];
  if (!kind) throw new UsageError(`Unknown import: ${what ?? '(none)'}`);
  const { values, positionals } = parse(rest, FLAGS);
  if (positionals.length !== 1) throw new UsageError(`import ${what} needs exactly one CSV file`);
  const file = positionals[0]!;
  let csv: Buffer;
  try {
    csv = fs.readFileSync(file);
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const dryRun = values['dry-run'] ?? false;
  const config = loadCfg();
  const tty = process.stderr.isTTY === true;
  let drawn = false;
  const clear = () => {
    if (drawn) process.stderr.write('\r\x1b[2K');
    drawn = false;
  };
  return withDatabase(config, async ({ db }) => {
    const deps: AppDeps = { config, db, now: () => new Date() };
    try {
      const result = await importStatisticsCsv(deps, {
        kind,
        csv,
        origin: 'cli',
        fileName: path.basename(file),
        actorId: null,
        dryRun,
        onProgress: tty
          ? (done, total, stage) => {
              process.stderr.write(`\r\x1b[2K${progressBar(stage, done, total)}`);
              drawn = true;
            }
          : undefined,
      });
      clear();
      console.log(formatStatisticsSummary(result, dryRun));
      return 0;
    } catch (err) {
      clear();
      if (err instanceof AppError) {
        const details = err.details as { errors?: RowProblem[]; errorCount?: number } | undefined;
        if (details?.errors)
          console.error(formatStatisticsErrors(path.basename(file), details.errors, details.errorCount));
        else console.error(`trygg: ${err.message}`);
        return 1;
      }
      throw err;
    }
  });
}
