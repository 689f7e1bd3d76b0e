import type { Story } from '../story/story.js';

/**
 * A quote as an engine drafts it: the words it believes are in the story. Engines that know
 * where they found the words pass `near` (an offset) so the citation gate picks that
 * occurrence when the words appear more than once. Offsets shown to users never come from
 * an engine: the gate sets them from its own match.
 */
export type DraftQuote = string | { text: string; near: number };

/**
 * How an actor stands towards an action: pledges it (`commits`), refuses it, pledges it on a
 * condition, is only weighing it (`considering`), or agrees with a view without pledging any act
 * (`agrees`: "agreed that the rules should change", "agrees with the council's plan"). The
 * order is the one help texts and schemas list them in.
 */
export const STANCES = ['commits', 'refuses', 'conditional', 'considering', 'agrees'] as const;
export type Stance = (typeof STANCES)[number];

/** One summary point and the quotes that back it. */
export interface DraftPoint {
  /** The point in the engine's words. Anything in quotation marks must be verbatim story text. */
  text: string;
  /** Quotes from the story that support the point; a point left with none is dropped. */
  quotes: DraftQuote[];
}

/** A summary as drafted by an engine. */
export interface SummaryDraft {
  /** A few points, most important first. */
  points: DraftPoint[];
}

/** "Who said what", as drafted by an engine. */
export interface AttributionDraft {
  /** The mention where the attribution is made ("he", "officials", "Radakin"), if any. */
  source: DraftQuote | null;
  /** Canonical name of who that is ("Tony Radakin"), when it can be told. */
  speaker: string | null;
  /** The verb or phrase that marks the attribution ("said", "according to"). */
  cue: DraftQuote | null;
  /** What was said. */
  content: DraftQuote;
  /** `true` for a direct quotation, `false` for reported speech. */
  direct: boolean;
}

/** "Who committed to what", as drafted by an engine. */
export interface CommitmentDraft {
  /** Canonical name of who is committed ("UK", "Donald Trump"). */
  actor: string;
  /** Where the story names that actor for this commitment, if it does. */
  actorMention: DraftQuote | null;
  /** What they committed to, in a few words. */
  action: string;
  /** Pledged, refused, conditional or only under consideration. */
  stance: Stance;
  /** For `conditional`: on what. Otherwise `null`. */
  condition: string | null;
  /** The story text that shows the commitment. */
  quote: DraftQuote;
}

/** A quote supporting an answer, with the story it comes from. */
export interface AnswerQuoteDraft {
  /** Id of the story the quote is from. */
  storyId: string;
  /** The quote. */
  quote: DraftQuote;
}

/** An answer to a question about one or more stories. */
export interface AnswerDraft {
  /** The answer in the engine's words, or a plain statement that the stories do not say. */
  answer: string;
  /** Quotes that support the answer. */
  quotes: AnswerQuoteDraft[];
  /** `true` when the answer comes from the stories; `false` when they do not answer it. */
  grounded: boolean;
}

/**
 * A newsroom engine: one method per task, not "complete a prompt", so an offline engine and an
 * LLM engine are interchangeable. Every method returns drafts; only the citation gate turns
 * draft quotes into quotes shown to users. `name`, `version` and `promptVersion` are part of
 * every cache key, so a new version never serves results computed by an old one.
 */
export interface Engine {
  /** Short stable name, e.g. "extractive" or "openai". */
  readonly name: string;
  /** Bumped whenever the engine's output for the same story can change. */
  readonly version: string;
  /** Version of the prompt templates the engine uses ("none" for engines without prompts). */
  readonly promptVersion: string;
  /** A few points that sum up the story. */
  summarise(story: Story, signal: AbortSignal): Promise<SummaryDraft>;
  /** Who said what. */
  attributions(story: Story, signal: AbortSignal): Promise<AttributionDraft[]>;
  /** Who committed to what. */
  commitments(story: Story, signal: AbortSignal): Promise<CommitmentDraft[]>;
  /** Answers `question` from `stories` alone; says so when they do not answer it. */
  answer(question: string, stories: Story[], signal: AbortSignal): Promise<AnswerDraft>;
}
