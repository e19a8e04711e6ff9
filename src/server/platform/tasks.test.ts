import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../tests/support/audit.ts';
import { createUser, signIn, useTestApp } from '../../../tests/support/test-app.ts';
import { AppError } from './errors.ts';
import {
  awaitTask,
  failInterruptedTasks,
  loadTask,
  registerTaskHandler,
  startTask,
  tasksDb,
} from './tasks.ts';

const t = useTestApp();

registerTaskHandler('test.count', async (ctx) => {
  const total = 5;
  for (let i = 1; i <= total; i++) await ctx.progress(i, total, 'counting');
  const file = path.join(ctx.outputDir(), 'count.csv');
  fs.writeFileSync(file, 'n\n5\n');
  return { result: { counted: total }, file: { path: file, name: 'count.csv', mediaType: 'text/csv' } };
});
registerTaskHandler('test.refuse', async () => {
  throw new AppError('test.bad_row', 400, 'Row 3 is wrong', { rows: [3] });
});
registerTaskHandler('test.crash', async () => {
  throw new Error('boom: internal detail');
});

describe('background tasks', () => {
  it('runs after the request, records progress and the outcome, and serves the file to its creator only', async () => {
    const owner = await createUser(t.current, 'employee', t.current.rootId);
    const other = await createUser(t.current, 'employee', t.current.rootId);
    const id = await startTask(t.current.deps, { kind: 'test.count', createdBy: owner.id, params: { a: 1 } });
    const queued = await loadTask(t.current.deps, id);
    expect(queued?.status).toBe('queued');
    const done = await awaitTask(t.current.deps, id);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toEqual({ done: 5, total: 5, stage: 'counting' });
    expect(done.result).toEqual({ counted: 5 });
    expect(done.params).toEqual({ a: 1 });

    const client = await signIn(t.current, owner.email);
    const res = await client.request('GET', `/api/tasks/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().download).toEqual({ url: `/api/tasks/${id}/download`, fileName: 'count.csv', size: 4 });
    const mark = await auditMark(t.current.database.db);
    const file = await client.request('GET', `/api/tasks/${id}/download`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('n\n5\n');
    expect(file.headers['content-disposition']).toContain('count.csv');
    const audit = await auditSince(t.current.database.db, mark);
    expect(audit.map((a) => [a.action, a.target_id, a.actor_id])).toEqual([['task.download', id, owner.id]]);

    const stranger = await signIn(t.current, other.email);
    expect((await stranger.request('GET', `/api/tasks/${id}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/tasks/${id}/download`)).statusCode).toBe(404);
  });

  it("keeps an AppError's code and details, and hides an unexpected error's message", async () => {
    const owner = await createUser(t.current, 'employee', t.current.rootId);
    const refused = await awaitTask(
      t.current.deps,
      await startTask(t.current.deps, { kind: 'test.refuse', createdBy: owner.id }),
    );
    expect(refused.status).toBe('failed');
    expect(refused.error).toEqual({
      code: 'test.bad_row',
      message: 'Row 3 is wrong',
      details: { rows: [3] },
    });
    const crashed = await awaitTask(
      t.current.deps,
      await startTask(t.current.deps, { kind: 'test.crash', createdBy: owner.id }),
    );
    expect(crashed.error?.code).toBe('task.failed');
    expect(JSON.stringify(crashed.error)).not.toContain('boom');
    const client = await signIn(t.current, owner.email);
    expect((await client.request('GET', `/api/tasks/${crashed.id}/download`)).statusCode).toBe(404);
  });

  it('marks tasks left running by a stopped process as interrupted', async () => {
    const row = await tasksDb(t.current.database.db)
      .insertInto('background_tasks')
      .values({
        kind: 'test.count',
        status: 'running',
        created_by: null,
        organisation_id: null,
        progress_total: null,
        progress_stage: null,
        file_path: null,
        file_name: null,
        media_type: null,
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await failInterruptedTasks(t.current.deps)).toBeGreaterThanOrEqual(1);
    const task = await loadTask(t.current.deps, row.id);
    expect(task?.status).toBe('failed');
    expect(task?.error?.code).toBe('task.interrupted');
  });

  it('refuses a kind nobody registered', async () => {
    await expect(startTask(t.current.deps, { kind: 'test.unknown', createdBy: null })).rejects.toThrow(
      /No task handler/,
    );
  });
});
