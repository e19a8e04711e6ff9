// Builds the web app and bundles the server after `npm install`, so `npm start` serves at once.
// Skipped with TRYGG_SKIP_WEB_BUILD=1, or when the sources are absent (installed as a dependency).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (
  process.env.TRYGG_SKIP_WEB_BUILD === '1' ||
  !fs.existsSync('src/web/main.tsx') ||
  !fs.existsSync('node_modules/vite')
) {
  process.exit(0);
}
const started = Date.now();
const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.error('trygg: building the web app failed (see above); `npm run build` retries it');
  process.exit(result.status ?? 1);
}
console.log(`trygg: web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const server = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
if (server.status !== 0) {
  console.error('trygg: bundling the server failed (see above); `npm start` falls back to the sources');
}
