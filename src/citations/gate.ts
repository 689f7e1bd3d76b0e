import type {
  AnswerDraft,
  AttributionDraft,
  CommitmentDraft,
  DraftQuote,
  Stance,
  SummaryDraft,
} from '../engines/engine.js';
import type { Quote, Story } from '../story/story.js';
import { findQuote, fold } from './find-quote.js';

/** A summary point whose every quote was found in the story. */
export interface Point {
  /** The point in the engine's words. */
  text: string;
  /** Verbatim quotes, each `story.text.slice(start, end)`. */
  quotes: Quote[];
}

/** A verified summary. */
export interface Summary {
  /** The points as one plain paragraph. */
  text: string;
  /** The points, each with at least one verified quote. */
  points: Point[];
}

/** A verified "who said what". */
export interface Attribution {
  /** The mention where the attribution is made, if found. */
  source: Quote | null;
  /** Canonical name of the speaker, when known. */
  speaker: string | null;
  /** The attribution cue, if found. */
  cue: Quote | null;
  /** What was said, verbatim. */
  content: Quote;
  /** Direct quotation or reported speech. */
  direct: boolean;
}

/** A verified "who committed to what". */
export interface Commitment {
  /** Canonical name of who is committed. */
  actor: string;
  /** Where the story names the actor, if found. */
  actorMention: Quote | null;
  /** What, in a few words. */
  action: string;
  /** Pledged, refused, conditional or considering. */
  stance: Stance;
  /** The condition, for conditional commitments. */
  condition: string | null;
  /** The verbatim story text that shows it. */
  quote: Quote;
}

/** A quote supporting an answer, with the story it is from. */
export interface AnswerQuote extends Quote {
  /** Id of the story the quote is from. */
  storyId: string;
}

/** A verified answer. */
export interface Answer {
  /** The answer, or a plain statement that the stories do not say. */
  answer: string;
  /** Verified quotes; never empty when `grounded`. */
  quotes: AnswerQuote[];
  /** Whether the answer is backed by the stories. */
  grounded: boolean;
}

/** What the gate let through, and how many draft quotes or items it had to drop. */
export interface Gated<T> {
  /** The verified result. */
  value: T;
  /** Draft quotes that were not found in the story, plus items that cited nothing. */
  dropped: number;
}

/** The answer given when nothing in the stories supports one. */
export const NOT_IN_STORY = 'The story does not say.';

const INLINE_QUOTE = /["“]([^"“”]+)["”]/gu;

/**
 * Verifies one draft quote against `story`: the offsets come from the match, the text is the
 * story's own. Returns `null` when the words are not in the story.
 */
export function verifyQuote(story: Story, draft: DraftQuote): Quote | null {
  const text = typeof draft === 'string' ? draft : draft.text;
  const near = typeof draft === 'string' ? undefined : draft.near;
  const options = near === undefined ? {} : { near };
  const span = findQuote(foldedText(story), text, options) ?? findQuote(foldedText(story), unwrap(text), options);
  return span ? { text: story.text.slice(span.start, span.end), start: span.start, end: span.end } : null;
}

/**
 * Whether free text an engine wrote (a point, an action, an answer) puts in quotation marks
 * anything that is not in the story. Such text must not reach a user.
 */
export function hasInventedQuote(story: Story | Story[], text: string): boolean {
  const stories = Array.isArray(story) ? story : [story];
  for (const match of text.matchAll(INLINE_QUOTE)) {
    if (!stories.some((s) => verifyQuote(s, match[1]!))) return true;
  }
  return false;
}

/** Keeps summary points with at least one verified quote and no invented inline quote. */
export function gateSummary(story: Story, draft: SummaryDraft): Gated<Summary> {
  let dropped = 0;
  const points: Point[] = [];
  for (const point of draft.points) {
    const quotes = verifyAll(story, point.quotes);
    dropped += point.quotes.length - quotes.length;
    if (quotes.length === 0 || hasInventedQuote(story, point.text)) {
      if (point.quotes.length === 0 || quotes.length > 0) dropped++;
      continue;
    }
    points.push({ text: point.text, quotes });
  }
  return { value: { text: points.map((p) => p.text).join(' '), points }, dropped };
}

/** Keeps attributions whose content is verified; unverified source or cue become `null`. */
export function gateAttributions(story: Story, drafts: AttributionDraft[]): Gated<Attribution[]> {
  let dropped = 0;
  const value: Attribution[] = [];
  for (const draft of drafts) {
    const content = verifyQuote(story, draft.content);
    if (!content) {
      dropped++;
      continue;
    }
    const source = optional(story, draft.source);
    const cue = optional(story, draft.cue);
    dropped += Number(source === undefined) + Number(cue === undefined);
    value.push({ source: source ?? null, speaker: draft.speaker, cue: cue ?? null, content, direct: draft.direct });
  }
  return { value, dropped };
}

/** Keeps commitments whose quote is verified and whose free text invents no quote. */
export function gateCommitments(story: Story, drafts: CommitmentDraft[]): Gated<Commitment[]> {
  let dropped = 0;
  const value: Commitment[] = [];
  for (const draft of drafts) {
    const quote = verifyQuote(story, draft.quote);
    const invented = [draft.action, draft.condition ?? ''].some((t) => hasInventedQuote(story, t));
    if (!quote || invented) {
      dropped++;
      continue;
    }
    const actorMention = optional(story, draft.actorMention);
    dropped += Number(actorMention === undefined);
    value.push({
      actor: draft.actor,
      actorMention: actorMention ?? null,
      action: draft.action,
      stance: draft.stance,
      condition: draft.stance === 'conditional' ? draft.condition : null,
      quote,
    });
  }
  return { value, dropped };
}

/**
 * Verifies an answer. A grounded answer left without a verified quote, or one that invents a
 * quotation, is replaced by a plain "the story does not say": the bot never guesses.
 */
export function gateAnswer(stories: Story[], draft: AnswerDraft): Gated<Answer> {
  const quotes: AnswerQuote[] = [];
  let dropped = 0;
  for (const { storyId, quote } of draft.quotes) {
    const story = stories.find((s) => s.id === storyId);
    const verified = story ? verifyQuote(story, quote) : null;
    if (verified) quotes.push({ ...verified, storyId });
    else dropped++;
  }
  if (!draft.grounded || quotes.length === 0 || hasInventedQuote(stories, draft.answer)) {
    const answer = draft.grounded ? NOT_IN_STORY : draft.answer;
    return { value: { answer: hasInventedQuote(stories, answer) ? NOT_IN_STORY : answer, quotes: [], grounded: false }, dropped };
  }
  return { value: { answer: draft.answer, quotes, grounded: true }, dropped };
}

function verifyAll(story: Story, drafts: DraftQuote[]): Quote[] {
  return drafts.map((d) => verifyQuote(story, d)).filter((q): q is Quote => q !== null);
}

/** `null` stays `null`; a draft that cannot be verified becomes `undefined`. */
function optional(story: Story, draft: DraftQuote | null): Quote | null | undefined {
  if (draft === null) return null;
  return verifyQuote(story, draft) ?? undefined;
}

/** Strips quotation marks an engine may have put around a quote. */
function unwrap(text: string): string {
  return text.trim().replace(/^["“‘']+|["”’']+$/gu, '');
}

const folds = new WeakMap<Story, ReturnType<typeof fold>>();

function foldedText(story: Story): ReturnType<typeof fold> {
  let folded = folds.get(story);
  if (!folded) {
    folded = fold(story.text);
    folds.set(story, folded);
  }
  return folded;
}
