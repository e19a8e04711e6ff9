import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../server/config.ts';
import { importPoliceEvents, type PoliceImportResult } from '../server/modules/statistics/police.usecases.ts';
import type { AppDeps } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

/** A one-line progress bar on stderr, redrawn in place; nothing when stderr is not a terminal. */
export function policeProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let last = '';
  return {
    update(done: number, total: number, stage: string) {
      if (!tty || total <= 0) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const line = `${stage.padEnd(10)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
      if (line === last) return;
      last = line;
      stream.write(`\r${line}`);
    },
    finish() {
      if (tty && last) stream.write('\n');
    },
  };
}

export function formatPoliceImport(file: string, r: PoliceImportResult): string {
  const lines = [
    `${file}: ${r.total} events: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.`,
    `In the municipality: ${r.inMunicipality} (${r.unplaced} not placed below the municipality).`,
    r.unmappedTypes.length > 0
      ? `Unmapped police types (${r.unmappedTypes.length}): ${r.unmappedTypes.join('; ')}`
      : 'Every police type is mapped.',
  ];
  return lines.join('\n');
}

/** `trygg import police-events FILE.json` */
export async function importPoliceEventsCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError('import police-events needs exactly one JSON file');
  const file = positionals[0]!;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const config = loadCfg();
  return withDatabase(config, async ({ db }) => {
    const deps: AppDeps = { config, db, now: () => new Date() };
    const bar = policeProgressBar();
    try {
      const result = await importPoliceEvents(deps, {
        events: text,
        origin: 'cli',
        fileName: path.basename(file),
        actorId: null,
        onProgress: (done, total, stage) => bar.update(done, total, stage),
      });
      bar.finish();
      console.log(formatPoliceImport(path.basename(file), result));
      return 0;
    } catch (err) {
      bar.finish();
      if (err instanceof AppError) {
        console.error(`trygg: ${err.message}`);
        const details = err.details as
          | { errors?: { index: number; id: unknown; field: string; message: string }[]; errorCount?: number }
          | undefined;
        for (const e of details?.errors ?? [])
          console.error(
            `${path.basename(file)}: event ${e.index}${e.id !== null ? ` (id ${String(e.id)})` : ''}: ${e.field}: ${e.message}`,
          );
        if (details?.errorCount && details.errorCount > (details.errors?.length ?? 0))
          console.error(`… ${details.errorCount - (details.errors?.length ?? 0)} more`);
        return 1;
      }
      throw err;
    }
  });
}
