// Rewrites the configuration table in README.md from src/server/config.ts (a test checks the README lists every setting).
// Run: node --import tsx scripts/update-readme-config.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { configTable } from '../src/server/config.ts';

const readme = fs.readFileSync('README.md', 'utf8');
const lines = readme.split('\n');
const start = lines.findIndex((l) => /^\| setting\s+\| default\s+\| meaning/.test(l));
if (start < 0) throw new Error('no table');
let end = start;
while (lines[end + 1]?.startsWith('|')) end++;
lines.splice(start, end - start + 1, ...configTable().split('\n'));
fs.writeFileSync('README.md', lines.join('\n'));
execFileSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'format', '--write', 'README.md'], {
  stdio: 'ignore',
});
