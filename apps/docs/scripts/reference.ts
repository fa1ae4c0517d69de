/**
 * Builds the API reference: Redoc, rendered by `redocly build-docs` from the bundled spec, with every
 * script inlined and nothing loaded from outside the machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeOffline, redocRewrites, remoteLoads } from './offline.js';
import { APP_DIR, ASSETS_DIR, TEMPLATES_DIR } from './paths.js';

/**
 * Redoc options (`--openapi`). `scrollYOffset` is the height of the site's header bar
 * (templates/reference.hbs), which Redoc keeps its sticky sidebar and anchors below.
 */
export const REDOC_OPTIONS = {
  scrollYOffset: 56,
  jsonSamplesExpandLevel: 3,
  sortRequiredPropsFirst: true,
} as const;

const redoclyBin = (): string => {
  const local = join(APP_DIR, 'node_modules', '.bin', 'redocly');
  return existsSync(local) ? local : 'redocly';
};

/**
 * Renders the reference of `doc` into `outFile`.
 *
 * @param doc The bundled OpenAPI document, exactly as `@neuracraft/types/spec` exports it.
 * @throws {Error} if Redocly fails, or the page would still load anything from another host.
 */
export async function buildReference(doc: unknown, outFile: string): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'neuracraft-docs-'));
  try {
    const specFile = join(tmp, 'openapi.json');
    const rawFile = join(tmp, 'reference.html');
    await writeFile(specFile, JSON.stringify(doc));
    const title = isTitled(doc) ? `${doc.info.title} reference` : 'API reference';
    execFileSync(
      redoclyBin(),
      [
        'build-docs',
        specFile,
        '--inlineBundle',
        '--config',
        join(APP_DIR, 'redocly.yaml'),
        '--template',
        join(TEMPLATES_DIR, 'reference.hbs'),
        '--title',
        title,
        '--openapi',
        JSON.stringify(REDOC_OPTIONS),
        '--output',
        rawFile,
      ],
      {
        cwd: APP_DIR,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const raw = await readFile(rawFile, 'utf8');
    if (!raw.includes('"disableTelemetry":true')) {
      throw new Error(
        'Redoc telemetry is not disabled in the reference: check redocly.yaml (telemetry: off)',
      );
    }
    const [full, mini] = await Promise.all([
      readFile(join(ASSETS_DIR, 'redoc-attribution.svg'), 'utf8'),
      readFile(join(ASSETS_DIR, 'redoc-attribution-mini.svg'), 'utf8'),
    ]);
    const html = makeOffline(raw, redocRewrites({ full, mini }));
    const remote = remoteLoads(html);
    if (remote.length > 0) {
      throw new Error(`the reference would load from other hosts:\n  ${remote.join('\n  ')}`);
    }
    await writeFile(outFile, html);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function isTitled(doc: unknown): doc is { info: { title: string } } {
  const info = (doc as { info?: { title?: unknown } } | null)?.info;
  return typeof info?.title === 'string';
}
