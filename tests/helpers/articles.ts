import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The seed story (from `../shared` beside the repository). */
export const SEED_FILE = fileURLToPath(new URL('../../../shared/corpora/seed/uk-troops-ukraine.txt', import.meta.url));

/** The project's own sample story. */
export const HARBOUR_FILE = fileURLToPath(new URL('../../examples/harbour-council.txt', import.meta.url));

/** The seed story's text, exactly as in the file. */
export const seedText = (): string => readFileSync(SEED_FILE, 'utf8');

/** The sample story's text, exactly as in the file. */
export const harbourText = (): string => readFileSync(HARBOUR_FILE, 'utf8');

/** A small article page written for these tests (not copied from any site). */
export const PIER_PAGE = `<!doctype html>
<html lang="en"><head><title>Harbour pier reopens | Test Gazette</title>
<meta name="author" content="Jo Reporter">
<meta property="article:published_time" content="2026-03-01T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour pier reopens after repairs</h1>
<p>The old harbour pier reopened on Saturday after eight months of repairs, the town council said.</p>
<p>Council leader Sam Ortiz said the council will keep the pier open all winter. "We promised the fishing crews a safe berth and we kept that promise," Ortiz told reporters.</p>
<p>The repairs cost 1.2 million pounds, paid from the council's reserves, and the council will not raise mooring fees this year.</p>
</article>
<footer>Copyright Test Gazette</footer>
</body></html>
`;

/** The article sentences of {@link PIER_PAGE}, which extraction must keep. */
export const PIER_SENTENCE = 'The old harbour pier reopened on Saturday after eight months of repairs, the town council said.';
