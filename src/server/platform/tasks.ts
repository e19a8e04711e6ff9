import fs from 'node:fs';
import path from 'node:path';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import type { AppDeps } from './context.ts';
import { AppError } from './errors.ts';

/**
 * Background tasks: long imports and exports run in this process after the request that started them
 * has answered; the person who started one follows its progress (GET /api/tasks/:id) and downloads its
 * file. A task row is the record: a restart marks tasks that were running as failed (`task.interrupted`).
 * Modules register a handler per kind at start-up (`registerTaskHandler`).
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface BackgroundTasksTable {
  id: Generated<string>;
  kind: string;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  created_by: string | null;
  organisation_id: string | null;
  progress_done: ColumnType<number, number | undefined, number>;
  progress_total: number | null;
  progress_stage: string | null;
  params: ColumnType<unknown, string | undefined, string>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  error: ColumnType<unknown, string | null | undefined, string | null>;
  file_path: string | null;
  file_name: string | null;
  media_type: string | null;
  file_size: ColumnType<string | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  expires_at: NullableTimestamp;
}

export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export const tasksDb = (db: Kysely<Database>) => db.withTables<{ background_tasks: BackgroundTasksTable }>();

export interface TaskRecord {
  id: string;
  kind: string;
  status: TaskStatus;
  createdBy: string | null;
  organisationId: string | null;
  progress: { done: number; total: number | null; stage: string | null };
  params: unknown;
  result: unknown;
  error: { code: string; message: string; details?: unknown } | null;
  file: { path: string; name: string; mediaType: string; size: number } | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface TaskContext {
  deps: AppDeps;
  task: TaskRecord;
  /** Records progress (written at most about four times a second; the last call always lands). */
  progress(done: number, total?: number | null, stage?: string | null): Promise<void>;
  /** A fresh folder under the data folder for this task's output file. */
  outputDir(): string;
}

export interface TaskOutcome {
  result?: unknown;
  file?: { path: string; name: string; mediaType: string };
}

export type TaskHandler = (ctx: TaskContext) => Promise<TaskOutcome>;

const handlers = new Map<string, TaskHandler>();
const running = new Map<string, Promise<TaskRecord>>();

/** Registers what runs a kind of task (idempotent: the last registration wins). */
export function registerTaskHandler(kind: string, handler: TaskHandler): void {
  handlers.set(kind, handler);
}

/** Hours a finished task's file stays downloadable. */
export const TASK_FILE_HOURS = 24;

/**
 * Creates a task and starts it in this process once the current tick ends. Returns its id at once;
 * `awaitTask` (tests, CLI) waits for the outcome.
 */
export async function startTask(
  deps: AppDeps,
  input: { kind: string; createdBy: string | null; organisationId?: string | null; params?: unknown },
): Promise<string> {
  if (!handlers.has(input.kind)) throw new Error(`No task handler registered for ${input.kind}`);
  const row = await tasksDb(deps.db)
    .insertInto('background_tasks')
    .values({
      kind: input.kind,
      created_by: input.createdBy,
      organisation_id: input.organisationId ?? null,
      params: JSON.stringify(input.params ?? {}),
      progress_total: null,
      progress_stage: null,
      file_path: null,
      file_name: null,
      media_type: null,
      created_at: deps.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const promise = new Promise<void>((resolve) => setImmediate(resolve)).then(() => runTask(deps, row.id));
  running.set(row.id, promise);
  promise.finally(() => running.delete(row.id)).catch(() => {});
  return row.id;
}

/** Waits for a task started in this process (or reads it when it already finished). */
export async function awaitTask(deps: AppDeps, id: string): Promise<TaskRecord> {
  const pending = running.get(id);
  if (pending) return pending;
  const task = await loadTask(deps, id);
  if (!task) throw new Error(`No task ${id}`);
  return task;
}

async function runTask(deps: AppDeps, id: string): Promise<TaskRecord> {
  const t = tasksDb(deps.db);
  const claimed = await t
    .updateTable('background_tasks')
    .set({ status: 'running', started_at: deps.now() })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returning('id')
    .executeTakeFirst();
  const initial = await loadTask(deps, id);
  if (!initial) throw new Error(`No task ${id}`);
  if (!claimed) return initial;
  const handler = handlers.get(initial.kind);
  let lastWrite = 0;
  let pendingWrite: Promise<unknown> = Promise.resolve();
  const ctx: TaskContext = {
    deps,
    task: initial,
    async progress(done, total, stage) {
      const now = Date.now();
      const write = () =>
        t
          .updateTable('background_tasks')
          .set({
            progress_done: Math.max(0, Math.floor(done)),
            ...(total !== undefined ? { progress_total: total } : {}),
            ...(stage !== undefined ? { progress_stage: stage } : {}),
          })
          .where('id', '=', id)
          .execute();
      const final = total !== undefined && total !== null && done >= total;
      if (!final && now - lastWrite < 250) return;
      lastWrite = now;
      pendingWrite = pendingWrite.then(write, write);
      await pendingWrite;
    },
    outputDir() {
      const dir = path.join(deps.config.dataDir, 'tasks', id);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      return dir;
    },
  };
  try {
    if (!handler) throw new AppError('task.unknown_kind', 500, `No handler for ${initial.kind}`);
    const outcome = await handler(ctx);
    await pendingWrite.catch(() => {});
    const size = outcome.file ? fs.statSync(outcome.file.path).size : null;
    const finishedAt = deps.now();
    await t
      .updateTable('background_tasks')
      .set({
        status: 'succeeded',
        result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
        file_path: outcome.file?.path ?? null,
        file_name: outcome.file?.name ?? null,
        media_type: outcome.file?.mediaType ?? null,
        file_size: size,
        finished_at: finishedAt,
        expires_at: new Date(finishedAt.getTime() + TASK_FILE_HOURS * 3_600_000),
      })
      .where('id', '=', id)
      .execute();
  } catch (err) {
    await pendingWrite.catch(() => {});
    const error =
      err instanceof AppError
        ? {
            code: err.code,
            message: err.message,
            ...(err.details !== undefined ? { details: err.details } : {}),
          }
        : { code: 'task.failed', message: 'The task failed; nothing was changed' };
    await t
      .updateTable('background_tasks')
      .set({ status: 'failed', error: JSON.stringify(error), finished_at: deps.now() })
      .where('id', '=', id)
      .execute();
  }
  const done = await loadTask(deps, id);
  if (!done) throw new Error(`No task ${id}`);
  return done;
}

export async function loadTask(deps: Pick<AppDeps, 'db'>, id: string): Promise<TaskRecord | null> {
  const r = await tasksDb(deps.db)
    .selectFrom('background_tasks')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    createdBy: r.created_by,
    organisationId: r.organisation_id,
    progress: { done: r.progress_done, total: r.progress_total, stage: r.progress_stage },
    params: r.params,
    result: r.result ?? null,
    error: (r.error as TaskRecord['error']) ?? null,
    file:
      r.file_path && r.file_name
        ? {
            path: r.file_path,
            name: r.file_name,
            mediaType: r.media_type ?? 'application/octet-stream',
            size: Number(r.file_size ?? 0),
          }
        : null,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** At start-up: tasks left queued or running by a stopped process will not finish. */
export async function failInterruptedTasks(deps: AppDeps): Promise<number> {
  const rows = await tasksDb(deps.db)
    .updateTable('background_tasks')
    .set({
      status: 'failed',
      error: JSON.stringify({
        code: 'task.interrupted',
        message: 'The server stopped before the task finished',
      }),
      finished_at: deps.now(),
    })
    .where('status', 'in', ['queued', 'running'])
    .where('id', 'not in', [...running.keys(), '00000000-0000-0000-0000-000000000000'])
    .returning('id')
    .execute();
  return rows.length;
}
