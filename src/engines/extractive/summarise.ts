import type { Sentence, Story } from '../../story/story.js';
import type { SummaryDraft } from '../engine.js';
import { contentStems } from './words.js';

/** Tuning of the extractive summary. */
export interface SummaryOptions {
  /** Fewest points to return when the story has enough sentences (default 3). */
  minPoints: number;
  /** Most points to return (default 5). */
  maxPoints: number;
}

const DEFAULTS: SummaryOptions = { minPoints: 3, maxPoints: 5 };

/**
 * Picks the sentences that best stand for the story: early in the story, sharing many
 * content words with the rest of it, and not repeating a sentence already picked. Each point
 * is a sentence of the story and quotes itself.
 */
export function summarise(story: Story, options: Partial<SummaryOptions> = {}): SummaryDraft {
  const { minPoints, maxPoints } = { ...DEFAULTS, ...options };
  const candidates = story.sentences.filter((s) => isStatement(story.text, s));
  const stems = candidates.map((s) => new Set(contentStems(story.text.slice(s.start, s.end))));
  const frequency = new Map<string, number>();
  for (const set of stems) for (const w of set) frequency.set(w, (frequency.get(w) ?? 0) + 1);

  const scored = candidates.map((sentence, i) => {
    const words = stems[i]!;
    let centrality = 0;
    for (const w of words) centrality += (frequency.get(w)! - 1);
    const norm = words.size === 0 ? 0 : centrality / Math.sqrt(words.size);
    const position = 1 / Math.sqrt(1 + i);
    return { sentence, words, score: norm * 0.5 + position * 4 };
  });

  const wanted = Math.min(maxPoints, Math.max(minPoints, Math.ceil(candidates.length / 6)));
  const picked: typeof scored = [];
  for (const item of [...scored].sort((a, b) => b.score - a.score)) {
    if (picked.length >= wanted) break;
    if (picked.some((p) => overlap(p.words, item.words) > 0.5)) continue;
    picked.push(item);
  }
  picked.sort((a, b) => a.sentence.start - b.sentence.start);
  return {
    points: picked.map(({ sentence }) => {
      const text = story.text.slice(sentence.start, sentence.end);
      return { text, quotes: [{ text, near: sentence.start }] };
    }),
  };
}

/** A full sentence worth summarising: long enough and ending like a sentence. */
function isStatement(text: string, sentence: Sentence): boolean {
  const body = text.slice(sentence.start, sentence.end);
  const words = body.split(/\s+/u).length;
  return words >= 8 && words <= 80 && /[.!?]["”’)]?$/u.test(body) && !body.includes('\n');
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}
