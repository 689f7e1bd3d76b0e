import type {
  AnswerDraft,
  AttributionDraft,
  CommitmentDraft,
  DraftQuote,
  Stance,
  SummaryDraft,
} from '../engines/engine.js';
import type { Quote, Span, Story } from '../story/story.js';
import { WIDEN_MARGIN, wholeWords } from './boundaries.js';
import { attributionProblem, claimProblem, commitmentProblem, isNear } from './claims.js';
import { findQuote, fold } from './find-quote.js';
import { inlineQuotes } from './inline-quotes.js';

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
  /** Pledged, refused, conditional, considering, or only agreeing with a view ({@link Stance}). */
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
  /**
   * Draft quotes that were not found in the story as whole words, plus items that cited
   * nothing, put invented words in quotation marks, or claimed what their quotes do not bear
   * out (see `claims.ts`).
   */
  dropped: number;
}

/** The answer given when nothing in the stories supports one. */
export const NOT_IN_STORY = 'The story does not say.';

/**
 * Verifies one draft quote against `story`: the offsets come from the match, the text is the
 * story's own. A match must start and end on word boundaries of the story (see
 * `boundaries.ts`); one that cuts a word, number or name is widened to the enclosing words when
 * that adds at most `margin` characters on each side. Returns `null` when the words are not in
 * the story, or only inside longer words.
 */
export function verifyQuote(story: Story, draft: DraftQuote, margin = WIDEN_MARGIN): Quote | null {
  const text = typeof draft === 'string' ? draft : draft.text;
  const near = typeof draft === 'string' ? undefined : draft.near;
  const options = near === undefined ? {} : { near };
  const found = findQuote(foldedText(story), text, options) ?? findQuote(foldedText(story), unwrap(text), options);
  const span = found && wholeWords(story.text, found, margin);
  return span ? { text: story.text.slice(span.start, span.end), start: span.start, end: span.end } : null;
}

/**
 * Whether free text an engine wrote (a point, an action, an answer) puts in quotation marks of
 * any style (see `inline-quotes.ts`) anything that is not in the story word for word, on word
 * boundaries. Such text must not reach a user.
 */
export function hasInventedQuote(story: Story | Story[], text: string): boolean {
  const stories = Array.isArray(story) ? story : [story];
  return inlineQuotes(text).some((quoted) => !stories.some((s) => verifyQuote(s, quoted, 0)));
}

/**
 * Keeps summary points with at least one verified quote, no invented inline quote, and wording
 * its quotes bear out (numbers, negation, content words: `claimProblem`).
 */
export function gateSummary(story: Story, draft: SummaryDraft): Gated<Summary> {
  let dropped = 0;
  const points: Point[] = [];
  for (const point of draft.points) {
    const quotes = verifyAll(story, point.quotes);
    dropped += point.quotes.length - quotes.length;
    const refuted = () => hasInventedQuote(story, point.text) || claimProblem(point.text, quotes.map((q) => q.text)) !== null;
    if (quotes.length === 0 || refuted()) {
      if (point.quotes.length === 0 || quotes.length > 0) dropped++;
      continue;
    }
    points.push({ text: point.text, quotes });
  }
  return { value: { text: points.map((p) => p.text).join(' '), points }, dropped };
}

/**
 * Keeps attributions whose content is verified. A speaker the story does not name near the
 * content (`attributionProblem`) is removed, as is a source or cue not found near it: each
 * becomes `null` and counts in `dropped`, and the verified words stay, shown with what is left
 * of their attribution.
 */
export function gateAttributions(story: Story, drafts: AttributionDraft[]): Gated<Attribution[]> {
  let dropped = 0;
  const value: Attribution[] = [];
  for (const draft of drafts) {
    const content = verifyQuote(story, draft.content);
    if (!content) {
      dropped++;
      continue;
    }
    const speaker = attributionProblem(story, draft.speaker, content) === null ? draft.speaker : undefined;
    const source = optional(story, draft.source, content);
    const cue = optional(story, draft.cue, content);
    dropped += Number(speaker === undefined) + Number(source === undefined) + Number(cue === undefined);
    value.push({ source: source ?? null, speaker: speaker ?? null, cue: cue ?? null, content, direct: draft.direct });
  }
  return { value, dropped };
}

/**
 * Keeps commitments whose quote is verified, whose free text invents no quote, and whose actor,
 * action, stance and condition the quote bears out (`commitmentProblem`).
 */
export function gateCommitments(story: Story, drafts: CommitmentDraft[]): Gated<Commitment[]> {
  let dropped = 0;
  const value: Commitment[] = [];
  for (const draft of drafts) {
    const quote = verifyQuote(story, draft.quote);
    const condition = draft.stance === 'conditional' ? draft.condition : null;
    const invented = [draft.action, condition ?? ''].some((t) => hasInventedQuote(story, t));
    if (!quote || invented || commitmentProblem(story, { ...draft, condition }, quote) !== null) {
      dropped++;
      continue;
    }
    const actorMention = optional(story, draft.actorMention, quote);
    dropped += Number(actorMention === undefined);
    value.push({
      actor: draft.actor,
      actorMention: actorMention ?? null,
      action: draft.action,
      stance: draft.stance,
      condition,
      quote,
    });
  }
  return { value, dropped };
}

/**
 * Verifies an answer. An answer the engine itself marks not grounded shows no claim at all, only
 * {@link NOT_IN_STORY}. A grounded answer left without a verified quote, or one that invents a
 * quotation or says what its quotes do not bear out (`claimProblem`), is replaced by the same
 * plain "the story does not say" (and counted in `dropped`): the bot never guesses.
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
  const notInStory = { answer: NOT_IN_STORY, quotes: [], grounded: false };
  if (!draft.grounded || quotes.length === 0) return { value: notInStory, dropped };
  if (hasInventedQuote(stories, draft.answer) || claimProblem(draft.answer, quotes.map((q) => q.text)) !== null) {
    return { value: notInStory, dropped: dropped + 1 };
  }
  return { value: { answer: draft.answer, quotes, grounded: true }, dropped };
}

function verifyAll(story: Story, drafts: DraftQuote[]): Quote[] {
  return drafts.map((d) => verifyQuote(story, d)).filter((q): q is Quote => q !== null);
}

/**
 * `null` stays `null`; a draft that cannot be verified, or is found only away from `anchor`
 * (the quote it goes with, see `isNear`), becomes `undefined`.
 */
function optional(story: Story, draft: DraftQuote | null, anchor: Span): Quote | null | undefined {
  if (draft === null) return null;
  const quote = verifyQuote(story, typeof draft === 'string' ? { text: draft, near: anchor.start } : draft);
  return quote && isNear(story, anchor, quote) ? quote : undefined;
}

/** Strips quotation marks, and an ellipsis at either end, an engine may have put around a quote. */
function unwrap(text: string): string {
  return text.trim().replace(/^(?:["“”„«»‹›「『'‘’‚]|…|\.\.\.|\s)+|(?:["“”„«»‹›」』'‘’‚]|…|\.\.\.|\s)+$/gu, '');
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
