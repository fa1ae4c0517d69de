#!/usr/bin/env node
// The `neuracraft` command: runs the built CLI, building it first on a fresh checkout.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  execFileSync(
    'pnpm',
    ['turbo', 'run', 'build', '--filter=@neuracraft/api...', '--output-logs=errors-only'],
    {
      cwd: new URL('../../..', import.meta.url),
      stdio: ['ignore', 2, 2],
    },
  );
}
await import(cli.href);
