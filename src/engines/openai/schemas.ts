import { z } from 'zod';
import { STANCES } from '../engine.js';

/**
 * The JSON each task asks the model for. Every claim carries the exact quote(s) it rests on;
 * the engine checks them with the citation gate before anything leaves it. Kept inside the
 * subset OpenAI's strict structured outputs accept: objects with every key required, nullable
 * rather than optional fields, no length constraints.
 */
export const summarySchema = z.object({
  points: z.array(
    z.object({
      text: z.string(),
      quotes: z.array(z.string()),
    }),
  ),
});

/** "Who said what". */
export const attributionsSchema = z.object({
  attributions: z.array(
    z.object({
      source: z.string().nullable(),
      speaker: z.string().nullable(),
      cue: z.string().nullable(),
      content: z.string(),
      direct: z.boolean(),
    }),
  ),
});

/** "Who committed to what". */
export const commitmentsSchema = z.object({
  commitments: z.array(
    z.object({
      actor: z.string(),
      actorMention: z.string().nullable(),
      action: z.string(),
      stance: z.enum(STANCES),
      condition: z.string().nullable(),
      quote: z.string(),
    }),
  ),
});

/** An answer to a question about one or more articles. */
export const answerSchema = z.object({
  answer: z.string(),
  grounded: z.boolean(),
  quotes: z.array(
    z.object({
      storyId: z.string(),
      quote: z.string(),
    }),
  ),
});

/** The model's summary JSON. */
export type SummaryJson = z.infer<typeof summarySchema>;
/** The model's attributions JSON. */
export type AttributionsJson = z.infer<typeof attributionsSchema>;
/** The model's commitments JSON. */
export type CommitmentsJson = z.infer<typeof commitmentsSchema>;
/** The model's answer JSON. */
export type AnswerJson = z.infer<typeof answerSchema>;
