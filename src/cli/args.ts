import { type ParseArgsConfig, parseArgs } from 'node:util';

export class UsageError extends Error {}

/** Strict flag parsing: an unknown flag or a missing value is a usage error (exit 2). */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
