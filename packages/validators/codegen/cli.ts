import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spec } from '@neuracraft/types/spec';
import { emitModules } from './emit.js';
import { type Json, readOperations, SpecError } from './operations.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../src/generated');

// An optional argument names a bundled document (JSON) to compile instead of the package's own spec.
const input = process.argv[2];
const doc = (input === undefined ? spec : JSON.parse(readFileSync(resolve(input), 'utf8'))) as Json;

try {
  const operations = readOperations(doc);
  const files = emitModules(doc, operations);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, source] of Object.entries(files)) {
    writeFileSync(join(outDir, name), source);
  }
  console.log(`generated validators of ${operations.length} operations into ${outDir}`);
} catch (error) {
  if (error instanceof SpecError) {
    console.error(`spec error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
