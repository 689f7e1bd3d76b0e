import type { Answer, Attribution, Commitment, Gated, Summary } from '../citations/gate.js';
import { describeError } from '../errors.js';
import type { Story } from '../story/story.js';
import type { Block, Reply } from './reply.js';

/** Replies for each bot task, shared by every adapter and the CLI. */

function storyHeader(story: Story): Block[] {
  const blocks: Block[] = [{ type: 'heading', text: story.meta.title ?? story.source.ref }];
  const where = [story.meta.siteName, story.meta.byline, story.meta.publishedAt, story.meta.url].filter(Boolean);
  if (where.length > 0) blocks.push({ type: 'context', text: where.join(' · ') });
  return blocks;
}

function droppedNote(dropped: number): Block[] {
  return dropped > 0
    ? [{ type: 'context', text: `${dropped} unverifiable quote${dropped === 1 ? '' : 's'} left out` }]
    : [];
}

/** A summary: one cited block per point. */
export function summaryReply(story: Story, summary: Gated<Summary>): Reply {
  const points: Block[] = summary.value.points.map((p) => ({ type: 'cited', text: p.text, quotes: p.quotes.map((q) => q.text) }));
  const body: Block[] = points.length > 0 ? points : [{ type: 'text', text: 'No point of this story could be backed by a quote.' }];
  return { storyId: story.id, blocks: [...storyHeader(story), ...body, ...droppedNote(summary.dropped)] };
}

/** Who committed to what: actor, stance, action, condition, and the quote that shows it. */
export function commitmentsReply(story: Story, commitments: Gated<Commitment[]>): Reply {
  const rows: Block[] = commitments.value.map((c) => ({
    type: 'cited',
    label: `${c.actor} · ${c.stance}`,
    text: c.condition ? `${c.action} (if ${c.condition})` : c.action,
    quotes: [c.quote.text],
  }));
  const body: Block[] = rows.length > 0 ? rows : [{ type: 'text', text: 'The story reports no commitments.' }];
  return { storyId: story.id, blocks: [...storyHeader(story), ...body, ...droppedNote(commitments.dropped)] };
}

/** Who said what. */
export function attributionsReply(story: Story, attributions: Gated<Attribution[]>): Reply {
  const rows: Block[] = attributions.value.map((a) => ({
    type: 'cited',
    label: `${a.speaker ?? a.source?.text ?? 'unattributed'}${a.cue ? ` · ${a.cue.text}` : ''}`,
    text: a.direct ? 'said, in their words:' : 'said, in the story’s words:',
    quotes: [a.content.text],
  }));
  const body: Block[] = rows.length > 0 ? rows : [{ type: 'text', text: 'The story attributes nothing to anyone.' }];
  return { storyId: story.id, blocks: [...storyHeader(story), ...body, ...droppedNote(attributions.dropped)] };
}

/** An answer, with its quotes, or a plain "the story does not say". */
export function answerReply(question: string, answer: Gated<Answer>, storyId?: string): Reply {
  const blocks: Block[] = [{ type: 'context', text: `Q: ${question}` }];
  if (answer.value.grounded) {
    blocks.push({ type: 'cited', text: answer.value.answer, quotes: answer.value.quotes.map((q) => q.text) });
  } else {
    blocks.push({ type: 'text', text: answer.value.answer });
  }
  return storyId ? { storyId, blocks } : { blocks };
}

/** A one-line error reply. */
export function errorReply(error: unknown): Reply {
  return { blocks: [{ type: 'error', text: describeError(error) }] };
}
