/** What the commitment readers share: what they find, and what they know about a sentence. */
import type { Span } from '../../story/story.js';
import type { CommitmentDraft } from '../engine.js';
import type { Actor } from './commitment-actors.js';
import type { NameIndex } from './names.js';

/** A commitment found in the story, with the span its quote covers. */
export interface Found extends Span {
  /** The draft as the engine returns it. */
  draft: CommitmentDraft;
}

/** What a sentence's reader needs besides the sentence itself. */
export interface SentenceContext {
  /** The story text. */
  text: string;
  /** Names the story uses. */
  names: NameIndex;
  /** Direct quotations in the sentence's paragraph (quote marks included). */
  quotes: Span[];
  /** Who speaks in the sentence, if a speech verb says; computed when first needed. */
  speaker: () => Actor | null;
  /** Who speaks the quotation the sentence is in, if any; computed when first needed. */
  quoteSpeaker: () => Actor | null;
}
