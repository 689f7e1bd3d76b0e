/** Pages that are hard on an HTML parser, for the extraction tests and `npm run bench`. */

const MB = 1024 * 1024;

/** `<p>a` repeated to `bytes` (4 MB: a million unclosed paragraphs of one letter). */
export function paragraphFlood(bytes = 4 * MB): string {
  return '<p>a'.repeat(Math.floor(bytes / 4));
}

/** `count` nested `<div>`s around one sentence. */
export function nestedDivs(count = 100_000): string {
  return `<html><body>${'<div>'.repeat(count)}The council met on Monday.${'</div>'.repeat(count)}</body></html>`;
}

/** A real-looking article of ordinary sentences in paragraphs, about `bytes` long. */
export function sentencePage(bytes = 5 * MB): string {
  const sentences = [
    'The harbour council voted on Monday to build a flood wall along the eastern quay.',
    '"We cannot wait for the next storm," the council leader, Sam Ortiz, told reporters.',
    'The ferry operator said it would decide on the new timetable by the end of the month.',
    'Residents who live near the quay have asked for the work to start before the winter.',
    'The wall will cost about four million pounds, paid from reserves and a government grant.',
  ];
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const paragraph = `<p>${sentences.map((s, j) => sentences[(i + j) % sentences.length]!.replace('Monday', `day ${i}`)).join(' ')}</p>\n`;
    paragraphs.push(paragraph);
    size += paragraph.length;
  }
  return `<!doctype html><html><head><title>Flood wall: the long read</title></head><body><article><h1>Flood wall: the long read</h1>\n${paragraphs.join('')}</article></body></html>`;
}

/** Four 4 MB hostile pages by URL path, as bench/slack.ts serves them. */
export const HOSTILE_4MB_PAGES: Record<string, () => string> = {
  '/page/flood': () => paragraphFlood(4 * MB),
  '/page/nested': () => nestedDivs(Math.floor((4 * MB) / 11)),
  '/page/sentences-1': () => sentencePage(4 * MB),
  '/page/sentences-2': () => sentencePage(4 * MB),
};
