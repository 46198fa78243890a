#!/usr/bin/env node
// The `reco` executable. It is a committed file, so package managers can link it at install time
// even before `pnpm build` has produced dist/; until then it says how to build instead of failing
// with a module-not-found stack.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write('error: reco is not built yet; run `pnpm build` in the reco repository\n');
  process.exitCode = 1;
}
