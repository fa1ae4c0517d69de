import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of the docs app (`apps/docs`). */
export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where every file of the site is written; served as-is at `/docs/`. */
export const DIST_DIR = join(APP_DIR, 'dist');

/** Markdown sources of the guide. */
export const GUIDE_DIR = join(APP_DIR, 'guide');

/** Logos and style sheets, shipped with the site. */
export const ASSETS_DIR = join(APP_DIR, 'assets');

/** HTML templates of the reference and the guide. */
export const TEMPLATES_DIR = join(APP_DIR, 'templates');
