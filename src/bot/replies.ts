import type { Answer, Attribution, Commitment, Gated, Summary } from '../citations/gate.js';
import { describeError } from '../errors.js';
import type { ActiveActor, ActorLedger, LedgerEntry } from '../ledger/ledger.js';
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

/** Most ledger entries one reply shows; two blocks each keeps well inside Slack's and Discord's limits. */
const LEDGER_REPLY_ENTRIES = 12;

/**
 * `/commitments <actor>` from the ledger: changes of stance first, then the other matters, each
 * matter's entries newest first, each with its date, stance, action, condition, quote and story;
 * "and N more" past `limit` (default {@link LEDGER_REPLY_ENTRIES}), pointing to the CLI.
 */
export function ledgerReply(query: string, ledger: ActorLedger, limit = LEDGER_REPLY_ENTRIES): Reply {
  const blocks: Block[] = [{ type: 'heading', text: `Commitments by ${ledger.actor}` }];
  if (ledger.ambiguous) blocks.push({ type: 'context', text: `"${query}" could be ${ledger.ambiguous.join(' or ')}: showing only what names them as "${query}"` });
  if (ledger.entries.length === 0) {
    blocks.push({ type: 'text', text: `No story processed here reports a commitment by ${ledger.actor}.` });
    return { blocks };
  }
  const shown = ledgerOrder(ledger).slice(0, limit);
  for (const e of shown) {
    const change = e.change ? ` — changed: ${e.change.from} on ${shortDate(e.change.date)}, ${e.stance} on ${shortDate(e.date)}` : '';
    blocks.push({
      type: 'cited',
      label: `${shortDate(e.date)} · ${e.stance}`,
      text: `${e.condition ? `${e.action} (if ${e.condition})` : e.action}${change}`,
      quotes: [e.quote.text],
    });
    blocks.push({ type: 'context', text: [e.mention, e.story.title, e.story.url].filter(Boolean).join(' · ') });
  }
  const more = ledger.entries.length - shown.length;
  if (more > 0) blocks.push({ type: 'context', text: `and ${more} more: newsroom ledger --actor "${ledger.actor}" --csv` });
  return { blocks };
}

/** Entries as the reply lists them: matters with a change first, matters by their newest entry, entries newest first. */
export function ledgerOrder(ledger: ActorLedger): LedgerEntry[] {
  const byMatter = new Map<number, LedgerEntry[]>();
  ledger.entries.forEach((e, i) => byMatter.set(ledger.matters[i]!, [...(byMatter.get(ledger.matters[i]!) ?? []), e]));
  const groups = [...byMatter.values()];
  const changed = (g: LedgerEntry[]) => Number(g.some((e) => e.change !== null));
  return groups.sort((a, b) => changed(b) - changed(a) || b[0]!.date.localeCompare(a[0]!.date)).flat();
}

/** `/commitments` alone: the workspace's most active actors. */
export function activeActorsReply(actors: ActiveActor[]): Reply {
  const blocks: Block[] = [{ type: 'heading', text: 'Most active actors' }];
  if (actors.length === 0) {
    blocks.push({ type: 'text', text: 'No commitments recorded here yet: /commitments <url> records a story\'s.' });
    return { blocks };
  }
  blocks.push(...actors.map((a): Block => ({ type: 'text', text: `${a.actor}: ${a.entries} commitment${a.entries === 1 ? '' : 's'}` })));
  blocks.push({ type: 'context', text: '/commitments <actor> for one of them' });
  return { blocks };
}

/** "12 Aug 2026" from an ISO date, in UTC. */
function shortDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${d.getUTCFullYear()}`;
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
