/**
 * Size of @neuracraft/client in a browser bundle: an app that imports createClient, apiKey and
 * clientCredentials, bundled by esbuild (minified, browser platform, ESM, tree-shaken), then gzipped.
 * openapi-fetch is included; so is the runtime part of @neuracraft/types the client uses.
 * Budget: ≤ 6 KB (6144 bytes) min+gzip.
 *
 * Run: pnpm --filter @neuracraft/client build && pnpm --filter @neuracraft/bench exec tsx client/size.ts
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 6 * 1024;

async function bundle(contents: string, resolveDir: string): Promise<{ min: number; gzip: number }> {
  const out = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const client = dirname(createRequire(import.meta.url).resolve('@neuracraft/client/package.json'));
if (!existsSync(join(client, 'dist/index.js'))) {
  console.error('build the client first: pnpm --filter @neuracraft/client build');
  process.exit(1);
}

// openapi-fetch is resolved from the client's own dependencies, the client as an app would import it.
const rows = [
  ['openapi-fetch alone', `export { default as createClient } from 'openapi-fetch';`, client],
  [
    'createClient + apiKey',
    `export { createClient, apiKey } from '@neuracraft/client';`,
    import.meta.dirname,
  ],
  [
    'createClient + apiKey + clientCredentials',
    `export { createClient, apiKey, clientCredentials } from '@neuracraft/client';`,
    import.meta.dirname,
  ],
] as const;

console.log('| bundle | min | min+gzip |\n| --- | ---: | ---: |');
let total = 0;
for (const [name, entry, dir] of rows) {
  const { min, gzip } = await bundle(entry, dir);
  total = gzip;
  console.log(`| ${name} | ${min} B | ${gzip} B |`);
}
console.log(
  `\nbudget ${BUDGET} B: ${total <= BUDGET ? 'within' : 'OVER'} (${((total / BUDGET) * 100).toFixed(0)} %)`,
);
process.exitCode = total <= BUDGET ? 0 : 1;
