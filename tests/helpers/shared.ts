import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared` beside the repository: corpora and scorers, never copied into the project. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));

/** Path of the seed story the project started from. */
export const SEED_PATH = `${SHARED_DIR}corpora/seed/uk-troops-ukraine.txt`;

/** Whether `../shared` is present; suites that need it skip with a notice when it is not. */
export const HAS_SHARED = existsSync(SEED_PATH);

if (!HAS_SHARED) console.warn(`../shared not found at ${SHARED_DIR}: corpus-backed tests skipped`);

/** The seed story's text, exactly as in the file. */
export function readSeed(): string {
  return readFileSync(SEED_PATH, 'utf8');
}
