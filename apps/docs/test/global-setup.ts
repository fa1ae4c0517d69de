import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from '../scripts/build.js';
import { APP_DIR, DIST_DIR } from '../scripts/paths.js';

const SOURCES = ['scripts', 'guide', 'assets', 'templates', 'redocly.yaml', 'package.json'];
const OUTPUTS = ['index.html', 'guide/index.html'];

function newest(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) {
    return stats.mtimeMs;
  }
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Whether dist/ is missing, or older than a source of the site or the spec it was built from. */
function stale(): boolean {
  if (!OUTPUTS.every((file) => existsSync(join(DIST_DIR, file)))) {
    return true;
  }
  const builtAt = Math.min(...OUTPUTS.map((file) => statSync(join(DIST_DIR, file)).mtimeMs));
  const spec = createRequire(import.meta.url).resolve('@neuracraft/types/spec');
  const sources = [...SOURCES.map((name) => join(APP_DIR, name)), spec];
  return sources.some((path) => newest(path) > builtAt);
}

export async function setup(): Promise<void> {
  if (stale()) {
    await build();
  }
}
