import type { Answer, Attribution, Commitment, Gated, Summary } from '../citations/gate.js';
import { describeError } from '../errors.js';
import type { ActiveActor, ActorLedger, LedgerEntry } from '../ledger/ledger.js';
import type { Result } from '../newsroom.js';
import type { Story } from '../story/story.js';
import { webLink } from './links.js';
import type { Block, Reply } from './reply.js';
import { truncate } from './truncate.js';

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

/** How much of an actor's ledger one reply holds. */
export interface LedgerRoom {
  /** Most entries shown. */
  entries: number;
  /**
   * Most characters of the entries' labels, statements, quotes, links and story lines together,
   * as the renderers will draw them at worst. Discord allows 6,000 characters a message, Slack
   * 50 blocks: a chat reply stops well before either, so that no renderer has to drop a block,
   * and says how many entries are left, with where to find them.
   */
  chars: number;
}

/** A chat reply: ten entries of three blocks at most, in 4,000 characters. */
export const LEDGER_CHAT: LedgerRoom = { entries: 10, chars: 4000 };
/** The CLI's text output: everything. */
export const LEDGER_ALL: LedgerRoom = { entries: Number.POSITIVE_INFINITY, chars: Number.POSITIVE_INFINITY };

/** Longest action or condition, and story title, a ledger reply repeats (bot text, cut at a word). */
const LEDGER_ACTION_CHARS = 300;
const LEDGER_TITLE_CHARS = 200;
/** What a renderer draws of one quote at most (a Discord field holds 1,024), and of its link. */
const LEDGER_QUOTE_CHARS = 1024;
const LEDGER_LINK_CHARS = 120;

/** The earlier stance as the change line says it: "refused on 12 Aug, commits on 20 Aug". */
const PAST: Record<LedgerEntry['stance'], string> = { commits: 'committed', refuses: 'refused', conditional: 'conditional', considering: 'considering', agrees: 'agreed' };

/**
 * `/commitments <actor>` from the ledger, entries in the ledger's reply order (changes of stance
 * first, then the other matters, each matter newest first), a line naming each matter, and each
 * entry with its date, stance, action, condition, the change if any, the quote (linked to its
 * passage in its own story) and the mention and story; past `room`, "and N more" with the CLI
 * command that lists the rest.
 */
export function ledgerReply(query: string, ledger: ActorLedger, room: LedgerRoom = LEDGER_CHAT): Reply {
  const blocks: Block[] = [{ type: 'heading', text: `Commitments by ${ledger.actor}` }];
  if (ledger.ambiguous) blocks.push({ type: 'context', text: `"${query}" could be ${ledger.ambiguous.join(' or ')}: showing only what names them as "${query}"` });
  if (ledger.entries.length === 0) {
    blocks.push({ type: 'text', text: `No story processed here reports a commitment by ${ledger.actor}.` });
    return { blocks };
  }
  let used = 0;
  let shown = 0;
  let matter: number | undefined;
  for (const [i, e] of ledger.entries.entries()) {
    const entry = ledgerEntryBlocks(e);
    const head: Block[] = ledger.matters[i] === matter ? [] : [{ type: 'text', text: `Matter: ${truncate(e.action, LEDGER_ACTION_CHARS)}` }];
    const size = [...head, ...entry].reduce((n, b) => n + blockChars(b), 0);
    if (shown >= room.entries || (shown > 0 && used + size > room.chars)) break;
    blocks.push(...head, ...entry);
    used += size;
    shown += 1;
    matter = ledger.matters[i];
  }
  const more = Math.max(ledger.total, ledger.entries.length) - shown;
  if (more > 0) blocks.push({ type: 'context', text: `and ${more} more — \`newsroom ledger --actor "${ledger.actor.replace(/["`\\]/gu, '')}" --csv\` for the rest` });
  return { blocks };
}

/** One ledger entry: the cited row, then the mention and the story. */
function ledgerEntryBlocks(e: LedgerEntry): Block[] {
  const change = e.change ? ` — changed: ${PAST[e.change.from]} on ${dayMonth(e.change.date, e.date)}, ${e.stance} on ${dayMonth(e.date, e.change.date)}` : '';
  const action = truncate(e.condition ? `${e.action} (if ${e.condition})` : e.action, LEDGER_ACTION_CHARS * 2);
  const story = [e.story.title ? truncate(e.story.title, LEDGER_TITLE_CHARS) : `story ${e.story.id}`, webLink(e.story.url)].filter(Boolean).join(' · ');
  return [
    { type: 'cited', label: `${shortDate(e.date)} · ${e.stance}`, text: `${action}${change}`, quotes: [e.quote.text], ...(e.story.url ? { source: e.story.url } : {}) },
    { type: 'context', text: `${truncate(e.mention, LEDGER_TITLE_CHARS)} · ${story}` },
  ];
}

/** The most a renderer draws of a block, for {@link LedgerRoom.chars}. */
function blockChars(b: Block): number {
  if (b.type !== 'cited') return b.text.length;
  const quotes = b.quotes.reduce((n, q) => n + Math.min(q.length, LEDGER_QUOTE_CHARS) + (b.source ? LEDGER_LINK_CHARS : 0), 0);
  return (b.label?.length ?? 0) + b.text.length + quotes;
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

/** "12 Aug" from an ISO date, in UTC, with the year when `other` is in another year. */
function dayMonth(iso: string, other: string): string {
  const d = new Date(iso);
  const day = `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}`;
  return new Date(other).getUTCFullYear() === d.getUTCFullYear() ? day : `${day} ${d.getUTCFullYear()}`;
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
