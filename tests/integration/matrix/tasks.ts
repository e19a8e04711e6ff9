import { awaitTask, registerTaskHandler, startTask } from '../../../src/server/platform/tasks.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

const OWN_ONLY =
  'a task is seen only by the person who started it (tasks.test.ts); anyone else, whatever their roles, gets 404 as if it did not exist';

registerTaskHandler('test.matrix_file', async (ctx) => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const file = path.join(ctx.outputDir(), 'matrix.txt');
  fs.writeFileSync(file, 'matrix');
  return { file: { path: file, name: 'matrix.txt', mediaType: 'text/plain' } };
});

/** A finished task with a file, started by a fresh employee of committee A (not the caller). */
async function someonesTask(ctx: MatrixContext): Promise<string> {
  const user = await ctx.user('employee', ctx.committeeA);
  const id = await startTask(ctx.t.deps, { kind: 'test.matrix_file', createdBy: user.id });
  await awaitTask(ctx.t.deps, id);
  return id;
}

/** Matrix entries for the background-task routes (see route-matrix.ts for the shape). */
export const TASKS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/tasks/:id': {
    access: 'user',
    success: 404,
    own: async (ctx) => ({ url: `/api/tasks/${await someonesTask(ctx)}` }),
    notScoped: OWN_ONLY,
  },
  'GET /api/tasks/:id/download': {
    access: 'user',
    success: 404,
    own: async (ctx) => ({ url: `/api/tasks/${await someonesTask(ctx)}/download` }),
    notScoped: OWN_ONLY,
  },
};
