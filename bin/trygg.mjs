#!/usr/bin/env node
// The `trygg` command: TypeScript sources run through tsx's loader, so the server needs no separate build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
