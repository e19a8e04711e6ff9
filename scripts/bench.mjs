// `npm run bench [-- name …]`: runs every bench/<name>.ts in order (or only the named ones), one at a
// time, each as `node --import tsx bench/<name>.ts`, streaming its output. Exits non-zero when one
// fails: a non-zero exit, or a last line that is not `bench <name>: key=value …`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = path.join(root, 'bench');

const available = fs
  .readdirSync(benchDir, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
  .map((e) => e.name.slice(0, -3))
  .sort();

const wanted = process.argv.slice(2).map((a) => a.replace(/^bench\//, '').replace(/\.ts$/, ''));
if (wanted.includes('-h') || wanted.includes('--help')) {
  console.log(`Usage: npm run bench [-- name …]\nBenchmarks: ${available.join(', ')}`);
  console.log(
    'Settings: BENCH_SECONDS (load runs, default 10); bench incidents also BENCH_INCIDENTS (generated first, default 1000000: several minutes), BENCH_READS (sequential list/search requests, default 200), BENCH_JOBS=off (no background jobs in the server)',
  );
  console.log(
    'bench picture: BENCH_INCIDENTS (demo incidents generated first, default 1000000: many minutes), BENCH_READS (sequential picture requests, default 100), BENCH_SQL_RUNS (GROUP BY runs, default 10), BENCH_DATA_DIR (keep the database there and reuse it next time)',
  );
  process.exit(0);
}
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? available.filter((n) => wanted.includes(n)) : available;
if (selected.length === 0) {
  console.error('No benchmarks in bench/');
  process.exit(2);
}

let current = null;
let interrupted = false;
// Ctrl-C reaches the benchmark too (same process group); let it clean up, then stop here.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    if (current && signal === 'SIGTERM') current.kill('SIGTERM');
  });
}

/** Runs one benchmark, passing its output through and keeping its last line. */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', `${name}.ts`)], {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit'],
    });
    current = child;
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4096);
    });
    child.on('error', (err) => {
      console.error(`bench ${name}: could not start: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      current = null;
      const lastLine = tail.trimEnd().split('\n').pop() ?? '';
      resolve({ name, code, signal, lastLine, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const results = [];
for (const name of selected) {
  if (interrupted) break;
  console.log(`\n=== bench ${name} ${'='.repeat(Math.max(0, 60 - name.length))}\n`);
  const result = await run(name);
  const summaryOk =
    /^bench [\w-]+: (\S+=\S+)( \S+=\S+)*$/.test(result.lastLine) &&
    result.lastLine.startsWith(`bench ${name}: `);
  result.ok = result.code === 0 && summaryOk;
  if (result.code === 0 && !summaryOk)
    console.error(`bench ${name}: exited 0 but its last line is not "bench ${name}: key=value …"`);
  results.push(result);
}

console.log(`\n=== summary ${'='.repeat(57)}\n`);
for (const r of results) {
  const status = r.ok ? 'ok    ' : 'FAILED';
  const how = r.signal ? `signal ${r.signal}` : `exit ${r.code}`;
  console.log(`${status} ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)} s  ${how}`);
}
const summaries = results.filter((r) => r.ok).map((r) => r.lastLine);
if (summaries.length > 0) console.log(`\n${summaries.join('\n')}`);
const skipped = selected.filter((n) => !results.some((r) => r.name === n));
if (skipped.length > 0) console.log(`\nnot run (interrupted): ${skipped.join(', ')}`);

const failed = results.some((r) => !r.ok) || skipped.length > 0;
process.exit(failed ? 1 : 0);
