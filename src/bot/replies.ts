import type { Answer, Attribution, Commitment, Gated, Summary } from '../citations/gate.js';
import { describeError } from '../errors.js';
import type { Result } from '../newsroom.js';
import type { Story } from '../story/story.js';
import type { Block, Reply } from './reply.js';

/** Replies for each bot task, shared by every adapter and the CLI. */

function storyHeader(story: Story): Block[] {
  const blocks: Block[] = [{ type: 'heading', text: story.meta.title ?? story.source.ref }];
  const where = [story.meta.siteName, story.meta.byline, story.meta.publishedAt, story.meta.url].filter(Boolean);
  if (where.length > 0) blocks.push({ type: 'context', text: where.join(' · ') });
  return blocks;
}

/** A reply about `story`, carrying its id, address and the engine behind `result`. */
function storyReply(story: Story, result: Gated<unknown> & EngineNote, body: Block[]): Reply {
  return {
    storyId: story.id,
    ...(story.meta.url ? { sourceUrl: story.meta.url } : {}),
    ...(result.engine ? { engine: result.engine } : {}),
    blocks: [...storyHeader(story), ...body, ...droppedNote(result.dropped), ...fallbackNote(result)],
  };
}

/** Which engine produced a result, and why the fallback stood in if it did. */
type EngineNote = Partial<Pick<Result<unknown>, 'engine' | 'notice'>>;

function fallbackNote(result: EngineNote): Block[] {
  return result.notice ? [{ type: 'context', text: result.notice }] : [];
}

/**
 * The footer line for what the citation gate dropped: quotes not in the story as whole words,
 * and items or parts of them (a speaker, a cue) their quotes do not bear out.
 */
function droppedNote(dropped: number): Block[] {
  return dropped > 0
    ? [{ type: 'context', text: `${dropped} unverifiable quote${dropped === 1 ? '' : 's'} or claim${dropped === 1 ? '' : 's'} left out` }]
    : [];
}

/** A summary: one cited block per point. */
export function summaryReply(story: Story, summary: Gated<Summary> & EngineNote): Reply {
  const points: Block[] = summary.value.points.map((p) => ({ type: 'cited', text: p.text, quotes: p.quotes.map((q) => q.text) }));
  const body: Block[] = points.length > 0 ? points : [{ type: 'text', text: 'No point of this story could be backed by a quote.' }];
  return storyReply(story, summary, body);
}

/** One commitment as a cited row: "actor · stance", the action (and condition), its quote. */
function commitmentBlock(c: Commitment): Block {
  return {
    type: 'cited',
    label: `${c.actor} · ${c.stance}`,
    text: c.condition ? `${c.action} (if ${c.condition})` : c.action,
    quotes: [c.quote.text],
  };
}

/** Who committed to what: actor, stance, action, condition, and the quote that shows it. */
export function commitmentsReply(story: Story, commitments: Gated<Commitment[]> & EngineNote): Reply {
  const rows: Block[] = commitments.value.map(commitmentBlock);
  const body: Block[] = rows.length > 0 ? rows : [{ type: 'text', text: 'The story reports no commitments.' }];
  return storyReply(story, commitments, body);
}

/** `/commitments <actor>`: one actor's commitments across stories, each under its story's title. */
export function actorCommitmentsReply(
  actor: string,
  found: Array<{ story: Story; commitments: Commitment[] }>,
): Reply {
  const blocks: Block[] = [{ type: 'heading', text: `Commitments by ${actor}` }];
  if (found.length === 0) {
    blocks.push({ type: 'text', text: `No stored story reports a commitment by ${actor}.` });
    return { blocks };
  }
  for (const { story, commitments } of found) {
    blocks.push({ type: 'context', text: [story.meta.title ?? story.source.ref, story.meta.url].filter(Boolean).join(' · ') });
    blocks.push(...commitments.map(commitmentBlock));
  }
  // Quotes link to their page only when they all come from one story.
  const only = found.length === 1 ? found[0]!.story : undefined;
  return { blocks, ...(only ? { storyId: only.id } : {}), ...(only?.meta.url ? { sourceUrl: only.meta.url } : {}) };
}

/** Who said what. */
export function attributionsReply(story: Story, attributions: Gated<Attribution[]> & EngineNote): Reply {
  const rows: Block[] = attributions.value.map((a) => ({
    type: 'cited',
    label: `${a.speaker ?? a.source?.text ?? 'unattributed'}${a.cue ? ` · ${a.cue.text}` : ''}`,
    text: a.direct ? 'said, in their words:' : 'said, in the story’s words:',
    quotes: [a.content.text],
  }));
  const body: Block[] = rows.length > 0 ? rows : [{ type: 'text', text: 'The story attributes nothing to anyone.' }];
  return storyReply(story, attributions, body);
}

/**
 * An answer, with its quotes, or a plain "the story does not say". With several candidate
 * stories the reply is about the one its first quote comes from (or the only one given).
 */
export function answerReply(question: string, answer: Gated<Answer> & EngineNote, stories: Story | Story[] = []): Reply {
  const blocks: Block[] = [{ type: 'context', text: `Q: ${question}` }];
  if (answer.value.grounded) {
    blocks.push({ type: 'cited', text: answer.value.answer, quotes: answer.value.quotes.map((q) => q.text) });
  } else {
    blocks.push({ type: 'text', text: answer.value.answer });
  }
  blocks.push(...fallbackNote(answer));
  const candidates = Array.isArray(stories) ? stories : [stories];
  const firstQuote = answer.value.quotes[0];
  const story = candidates.length === 1 ? candidates[0] : candidates.find((s) => s.id === firstQuote?.storyId);
  return {
    blocks,
    ...(story ? { storyId: story.id } : {}),
    ...(story?.meta.url ? { sourceUrl: story.meta.url } : {}),
    ...(answer.engine ? { engine: answer.engine } : {}),
  };
}

/** A one-line error reply. */
export function errorReply(error: unknown): Reply {
  return { blocks: [{ type: 'error', text: describeError(error) }] };
}
