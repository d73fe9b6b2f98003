#!/usr/bin/env node
// The `liaison` CLI runs the compiled TypeScript (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/program.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('liaison: not built yet — run `npm install` (or `npm run build`) in the project first\n');
  process.exit(1);
}
await import(entry.href);
