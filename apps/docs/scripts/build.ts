/**
 * Builds the docs site into dist/: the reference at dist/index.html and the guide at
 * dist/guide/index.html, both from the spec bundled in `@neuracraft/types/spec`.
 *
 * Usage: `pnpm build` (in apps/docs), or `tsx scripts/build.ts`.
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spec } from '@neuracraft/types/spec';
import { RESOLUTIONS } from '../guide/resolutions.js';
import { fillTemplate, renderGuide, tocHtml } from './guide.js';
import { remoteLoads } from './offline.js';
import { ASSETS_DIR, DIST_DIR, GUIDE_DIR, TEMPLATES_DIR } from './paths.js';
import { buildReference } from './reference.js';

/** Builds the whole site into `outDir` (default dist/) from `doc` (default: the bundled spec). */
export async function build(outDir = DIST_DIR, doc: unknown = spec): Promise<string[]> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'guide'), { recursive: true });
  const written: string[] = [];

  await buildReference(doc, join(outDir, 'index.html'));
  written.push('index.html');
  for (const asset of ['logo.svg', 'favicon.svg']) {
    await copyFile(join(ASSETS_DIR, asset), join(outDir, asset));
    written.push(asset);
  }

  await copyFile(join(ASSETS_DIR, 'guide.css'), join(outDir, 'guide', 'guide.css'));
  written.push('guide/guide.css');
  const template = await readFile(join(TEMPLATES_DIR, 'guide.html'), 'utf8');
  const info = (doc as { info?: { title?: string; version?: string } }).info ?? {};
  const sources = (await readdir(GUIDE_DIR)).filter((name) => name.endsWith('.md')).sort();
  for (const name of sources) {
    const source = await readFile(join(GUIDE_DIR, name), 'utf8');
    const page = renderGuide(source, { doc, resolutions: RESOLUTIONS, referenceBase: '../' });
    const html = fillTemplate(template, {
      title: page.title,
      description: `${page.title}: API keys and OAuth 2.0 client credentials for the NeuraCraft API.`,
      toc: tocHtml(page.toc),
      content: page.html,
      spec: `${info.title ?? 'the API'} ${info.version ?? ''}`.trim(),
    });
    const remote = remoteLoads(html);
    if (remote.length > 0) {
      throw new Error(`guide/${name} would load from other hosts:\n  ${remote.join('\n  ')}`);
    }
    const out = join('guide', `${basename(name, '.md')}.html`);
    await writeFile(join(outDir, out), html);
    written.push(out);
  }
  return written;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  const written = await build();
  console.log(
    `built ${written.length} files into ${DIST_DIR} in ${Math.round(performance.now() - started)} ms`,
  );
  for (const file of written) {
    console.log(`  ${file}`);
  }
}
