import fs from 'node:fs';
import path from 'node:path';
import type { AreaImportPreview } from '../domain/api/areas.ts';
import { AreaImportRequestSchema } from '../domain/api/areas.ts';
import type { Config } from '../server/config.ts';
import { commitAreaImport, previewAreaImport } from '../server/modules/areas/import/import.usecases.ts';
import { recomputeFacilityAreas } from '../server/modules/facilities/facilities-import.usecases.ts';
import { SYSTEM } from '../server/platform/actor.ts';
import type { AppDeps } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

const FLAGS = {
  level: { type: 'string' },
  'name-property': { type: 'string' },
  'parent-csv': { type: 'string' },
  'parent-level': { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

function readFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `Cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
}

/** Left-aligned text columns, numbers right-aligned. */
function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** The preview as the command line prints it: summary, features, parents, then every problem. */
export function formatPreview(p: AreaImportPreview): string {
  const out: string[] = [];
  const c = p.counts;
  out.push(`${p.fileName}: ${c.features} features → level ${p.level} (named by "${p.nameProperty}")`);
  out.push(
    `municipality: ${p.municipality.name}${p.municipality.create ? ' (root area will be created)' : ''}`,
  );
  if (p.parentLevel)
    out.push(
      `parents from ${p.parentFileName ?? 'CSV'} → level ${p.parentLevel}: ${c.parents} (${c.parentsCreate} new)`,
    );
  out.push(
    `areas: ${c.create} new, ${c.update} changed, ${c.unchanged} unchanged, ${c.invalid} invalid; ${c.errors} errors, ${c.warnings} warnings`,
  );
  if (p.features.length > 0) {
    out.push('');
    out.push(
      table(
        ['#', 'name', 'parent', 'status', 'polygons', 'vertices'],
        p.features.map((f) => [
          f.number,
          f.name ?? '—',
          f.parentName ?? '—',
          f.status,
          f.polygons,
          f.vertices,
        ]),
      ),
    );
  }
  if (p.parents.length > 0) {
    out.push('');
    out.push(
      table(
        ['parent', 'status', 'children'],
        p.parents.map((x) => [x.name, x.status, x.children]),
      ),
    );
  }
  if (p.issues.length > 0) {
    out.push('');
    out.push(
      table(
        ['severity', 'feature', 'csv line', 'name', 'problem'],
        p.issues.map((i) => [
          i.severity,
          i.feature === null ? '—' : String(i.feature),
          i.line === null ? '—' : String(i.line),
          i.name ?? '—',
          `${i.code}: ${i.message}`,
        ]),
      ),
    );
  }
  return out.join('\n');
}

/** `trygg import areas FILE.geojson --level L --name-property P [--parent-csv F] [--parent-level L] [--dry-run]` */
export async function importAreasCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, FLAGS);
  if (positionals.length !== 1) throw new UsageError('import areas needs exactly one GeoJSON file');
  const file = positionals[0]!;
  const parentCsvFile = values['parent-csv'];
  const request = AreaImportRequestSchema.safeParse({
    fileName: path.basename(file),
    geojson: readFile(file, 'GeoJSON file'),
    level: values.level,
    nameProperty: values['name-property'],
    parentCsv: parentCsvFile ? readFile(parentCsvFile, 'parent CSV') : null,
    parentFileName: parentCsvFile ? path.basename(parentCsvFile) : null,
    parentLevel: values['parent-level'] ?? null,
  });
  if (!request.success) {
    const flag: Record<string, string> = {
      level: '--level',
      nameProperty: '--name-property',
      parentLevel: '--parent-level',
    };
    throw new UsageError(
      request.error.issues
        .map((i) => `${flag[String(i.path[0])] ?? String(i.path[0] ?? 'file')}: ${i.message}`)
        .join('; '),
    );
  }
  if (values['parent-level'] && !parentCsvFile) throw new UsageError('--parent-level needs --parent-csv');

  const config = loadCfg();
  return withDatabase(config, async ({ db }) => {
    const deps: AppDeps = { config, db, now: () => new Date() };
    try {
      const preview = await previewAreaImport({ deps, caller: SYSTEM, input: request.data });
      console.log(formatPreview(preview));
      if (!preview.valid) {
        console.error(`\n${preview.counts.errors} errors: nothing was imported.`);
        return 1;
      }
      if (values['dry-run']) {
        console.log('\nDry run: nothing was imported.');
        return 0;
      }
      const result = await commitAreaImport({
        deps,
        caller: SYSTEM,
        input: request.data,
        previewToken: preview.token,
      });
      const c = result.import.counts;
      console.log(
        `\nImported: ${c.created} created, ${c.updated} changed, ${c.unchanged} unchanged; ${c.parentsCreated} parents created (import ${result.import.id}).`,
      );
      // Facilities take their area from the map: place them again on the new boundaries.
      const moved = await recomputeFacilityAreas({ deps });
      if (moved.changed > 0)
        console.log(`Facilities placed again: ${moved.changed} of ${moved.checked} changed area.`);
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        console.error(`trygg: ${err.message}`);
        return 1;
      }
      throw err;
    }
  });
}
