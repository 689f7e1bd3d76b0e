import type { Story } from '../../story/story.js';
import type { DraftPoint, SummaryDraft } from '../engine.js';
import { forwardCentrality } from './summary-centrality.js';
import type { CentralityNode } from './summary-centrality.js';
import { countWords, sentenceBodies } from './summary-statements.js';
import type { SentenceBody } from './summary-statements.js';

/** Limits of the extractive summary. */
export interface SummaryOptions {
  /** Most points to return (default 3; never more than 4, however many are asked for). */
  maxPoints: number;
  /** Most words in all points together (default 90). */
  maxWords: number;
}

const DEFAULTS: SummaryOptions = { maxPoints: 3, maxWords: 90 };

/** A summary longer than this stops being a summary. */
const POINT_LIMIT = 4;

/**
 * Weight of position against centrality: the k-th statement of the story gets
 * `POSITION_WEIGHT / (1 + k)` on top of its forward centrality.
 */
const POSITION_WEIGHT = 1.5;

/** Share of the way from the weakest to the strongest link between sentences below which a link does not count. */
const LINK_THRESHOLD = 0.5;

/** Only this many of the first statements (and as many short sentences) are candidates. */
const MAX_CANDIDATES = 60;

/** Two points sharing more than this share of the shorter one's content words say the same thing. */
const REDUNDANCY = 0.6;

/**
 * Picks the sentences that best stand for the story. A sentence scores for coming early and
 * for saying what the sentences after it go on to say (forward centrality); the best-scoring
 * ones that fit the word budget and do not repeat a point already picked become the points,
 * in story order. Datelines, glued photo captions, bylines and other page furniture never
 * become points. Each point is a sentence of the story (whitespace tidied) and quotes it
 * verbatim.
 */
export function summarise(story: Story, options: Partial<SummaryOptions> = {}): SummaryDraft {
  const { maxWords } = { ...DEFAULTS, ...options };
  const maxPoints = Math.min(options.maxPoints ?? DEFAULTS.maxPoints, POINT_LIMIT);
  const bodies = sentenceBodies(story).filter((b) => b.kind !== 'boilerplate');
  // The position prior all but rules out late sentences, so capping the candidates costs
  // nothing and keeps the work linear in the length of the story.
  const statements = bodies.filter((b) => b.kind === 'statement').slice(0, MAX_CANDIDATES);
  const short = bodies.filter((b) => b.kind === 'short').slice(0, MAX_CANDIDATES);
  const scores = score(bodies, [statements, short]);

  const picked: SentenceBody[] = [];
  let words = 0;
  // Short sentences only fill in for stories with too few full ones.
  for (const tier of [statements, short]) {
    for (const body of [...tier].sort((a, b) => scores.get(b)! - scores.get(a)!)) {
      if (picked.length >= maxPoints) break;
      if (words + body.words > maxWords) continue;
      if (picked.some((p) => overlap(p.stems, body.stems) > REDUNDANCY)) continue;
      picked.push(body);
      words += body.words;
    }
  }
  if (picked.length === 0) {
    const fallback = [...statements, ...short].sort((a, b) => scores.get(b)! - scores.get(a)!)[0] ?? bodies[0];
    return { points: fallback ? [truncatedPoint(story.text, fallback, maxWords)] : [] };
  }
  picked.sort((a, b) => a.start - b.start);
  return { points: picked.map((body) => point(story.text, body.start, body.end)) };
}

/** Position prior plus forward centrality, for the sentences of each tier. */
function score(bodies: SentenceBody[], tiers: SentenceBody[][]): Map<SentenceBody, number> {
  const nodes: CentralityNode[] = bodies.map((b) => ({ order: b.sentence, stems: b.stems }));
  const candidates = tiers.flat();
  const index = new Map(bodies.map((b, i) => [b, i]));
  const centrality = forwardCentrality(nodes, candidates.map((c) => index.get(c)!), LINK_THRESHOLD);
  const scores = new Map<SentenceBody, number>();
  let offset = 0;
  for (const tier of tiers) {
    tier.forEach((body, k) => scores.set(body, POSITION_WEIGHT / (1 + k) + centrality[offset + k]!));
    offset += tier.length;
  }
  return scores;
}

function point(text: string, start: number, end: number, suffix = ''): DraftPoint {
  const quote = text.slice(start, end);
  return { text: quote.replace(/\s+/gu, ' ') + suffix, quotes: [{ text: quote, near: start }] };
}

/** A sentence longer than the whole budget, cut at a word boundary; the quote is the part kept. */
function truncatedPoint(text: string, body: SentenceBody, maxWords: number): DraftPoint {
  if (body.words <= maxWords) return point(text, body.start, body.end);
  let end = body.start;
  for (const match of text.slice(body.start, body.end).matchAll(/\S+/gu)) {
    const next = body.start + match.index + match[0].length;
    if (countWords(text.slice(body.start, next)) > maxWords) break;
    end = next;
  }
  while (end > body.start && /[\s,;:\-–—]/u.test(text[end - 1]!)) end--;
  return point(text, body.start, end, '…');
}

function overlap(a: string[], b: string[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  if (setA.size === 0 || setB.size === 0) return 0;
  let shared = 0;
  for (const w of setA) if (setB.has(w)) shared++;
  return shared / Math.min(setA.size, setB.size);
}
