import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { BANNER, emitSecurityModule, emitSpecModule } from './emit.js';
import { readSecurityModel, SpecError } from './security.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const specPath = resolve(root, process.argv[2] ?? 'spec/openapi.yaml');
const outDir = resolve(here, '../src/generated');

function bundle(path: string): unknown {
  const tmp = join(tmpdir(), `neuracraft-bundle-${process.pid}.json`);
  try {
    execFileSync('redocly', ['bundle', path, '--ext', 'json', '-o', tmp], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    return JSON.parse(readFileSync(tmp, 'utf8'));
  } finally {
    rmSync(tmp, { force: true });
  }
}

try {
  const doc = bundle(specPath);
  const model = readSecurityModel(doc);
  const types = astToString(
    await openapiTS(doc as Parameters<typeof openapiTS>[0], {
      alphabetize: false,
      defaultNonNullable: false,
    }),
  );
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'openapi.ts'), `${BANNER}\n${types}`);
  writeFileSync(join(outDir, 'security.ts'), emitSecurityModule(model));
  writeFileSync(join(outDir, 'spec.ts'), emitSpecModule(doc));
  console.log(
    `generated ${model.operations.length} operations, ${model.scopes.length} scopes from ${specPath} into ${outDir}`,
  );
} catch (error) {
  if (error instanceof SpecError) {
    console.error(`spec error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
