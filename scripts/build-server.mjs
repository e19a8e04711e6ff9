// Bundles the server and command line into dist/server/trygg.mjs (dependencies stay in node_modules),
// so production runs on plain Node without the TypeScript loader (about 50 MB less memory).
import fs from 'node:fs';
import { build } from 'esbuild';

const started = Date.now();
await build({
  entryPoints: ['src/cli/run.ts'],
  outfile: 'dist/server/trygg.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
fs.rmSync('dist/server/migrations', { recursive: true, force: true });
fs.cpSync('src/server/db/migrations', 'dist/server/migrations', { recursive: true });
console.log(`trygg: server bundled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
