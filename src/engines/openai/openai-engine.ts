import type { z } from 'zod';
import { NOT_IN_STORY } from '../../citations/gate.js';
import type { Answer, Attribution, Commitment, Gated, Summary } from '../../citations/gate.js';
import { EngineError } from '../../errors.js';
import type { Span, Story } from '../../story/story.js';
import { inlineTasks } from '../../workers/tasks.js';
import type { TaskRunner } from '../../workers/tasks.js';
import type {
  AnswerDraft,
  AttributionDraft,
  CommitmentDraft,
  DraftPoint,
  DraftQuote,
  Engine,
  SummaryDraft,
} from '../engine.js';
import { chunkStory } from './chunks.js';
import { JsonChat } from './json-chat.js';
import type { ChatMessage, JsonChatOptions, JsonFormat } from './json-chat.js';
import type { Prompts } from './prompts.js';
import type { ReplyCheck } from './reply-problems.js';
import { answerSchema, attributionsSchema, commitmentsSchema, summarySchema } from './schemas.js';
import type { AnswerJson, AttributionsJson, CommitmentsJson, SummaryJson } from './schemas.js';

/** What an {@link OpenAIEngine} is built from. */
export interface OpenAIEngineOptions extends JsonChatOptions {
  /** The loaded templates; their version becomes the engine's `promptVersion`. */
  prompts: Prompts;
  /** The model's context window in tokens; longer articles are split to fit. */
  contextTokens: number;
  /**
   * Runs the quote and claim checks of each reply (`check`) and the citation gate (`gate`):
   * in the app, the worker pool, so a long article's checks never block the event loop.
   * Default: on this thread ({@link inlineTasks}).
   */
  tasks?: TaskRunner;
}

/** A {@link ReplyCheck} without the reply: the task and the stories its quotes come from. */
type CheckTarget = ReplyCheck extends infer C ? (C extends ReplyCheck ? Omit<C, 'reply'> : never) : never;

/** A conservative characters-per-token ratio for sizing chunks (English runs nearer 4). */
const CHARS_PER_TOKEN = 3;
const MIN_CHUNK_CHARS = 500;
/** The most points a summary keeps (from one piece or merged from several), as a chat post shows. */
const MAX_POINTS = 4;

/** One stretch of one story, as sent to the model. */
interface Piece {
  story: Story;
  span: Span;
  part: number;
  parts: number;
}

/**
 * The LLM engine, for any OpenAI-compatible server. Each task sends the article, delimited as
 * data, with the task's template from `prompts/`, and asks for JSON in which every claim carries
 * its quotes. Quotes the citation gate cannot find are sent back once for exact wording;
 * summary points and answers whose wording their quotes do not bear out are dropped; a result
 * with nothing verified is an `EngineError`, so the Newsroom's fallback stands in.
 */
export class OpenAIEngine implements Engine {
  readonly name = 'openai';
  readonly version = '1';
  readonly promptVersion: string;
  /** Longest stretch of article text sent in one request. */
  readonly chunkChars: number;
  private readonly chat: JsonChat;
  private readonly prompts: Prompts;
  private readonly tasks: TaskRunner;

  constructor(options: OpenAIEngineOptions) {
    this.prompts = options.prompts;
    this.tasks = options.tasks ?? inlineTasks;
    this.promptVersion = options.prompts.version;
    this.chat = new JsonChat(options);
    const outputReserve = Math.min(4096, Math.floor(options.contextTokens / 4));
    const taskChars = (['summarise', 'attributions', 'commitments'] as const).map((t) => this.prompts.render(t, { article: '' }).length);
    const promptChars = this.prompts.render('system', {}).length + Math.max(...taskChars);
    const promptTokens = Math.ceil(promptChars / CHARS_PER_TOKEN);
    this.chunkChars = Math.max(MIN_CHUNK_CHARS, (options.contextTokens - outputReserve - promptTokens) * CHARS_PER_TOKEN);
  }

  async summarise(story: Story, signal: AbortSignal): Promise<SummaryDraft> {
    const parts = await Promise.all(
      this.pieces(story).map(async (piece) => {
        const user = this.prompts.render('summarise', { article: articleBlock(piece) });
        const json = await this.ask(user, { schema: summarySchema, name: 'summary' }, { task: 'summarise', story }, signal);
        // A point its quotes do not bear out is the gate's to drop and count, as for every engine.
        return json.points.map((p): DraftPoint => ({ text: p.text, quotes: p.quotes.map((q) => draftQuote(q, piece)) }));
      }),
    );
    const draft: SummaryDraft = { points: roundRobin(parts, MAX_POINTS) };
    const gated = (await this.tasks.run('gate', { task: 'summarise', story, draft }, signal)) as Gated<Summary>;
    if (gated.value.points.length === 0) throw unverified('summary point');
    return draft;
  }

  async attributions(story: Story, signal: AbortSignal): Promise<AttributionDraft[]> {
    const parts = await Promise.all(
      this.pieces(story).map(async (piece) => {
        const user = this.prompts.render('attributions', { article: articleBlock(piece) });
        const json = await this.ask(user, { schema: attributionsSchema, name: 'attributions' }, { task: 'attributions', story }, signal);
        return json.attributions.map((a): AttributionDraft => ({
          source: a.source === null ? null : draftQuote(a.source, piece),
          speaker: a.speaker,
          cue: a.cue === null ? null : draftQuote(a.cue, piece),
          content: draftQuote(a.content, piece),
          direct: a.direct,
        }));
      }),
    );
    const drafts = unique(parts.flat(), (a) => quoteText(a.content));
    if (drafts.length === 0) return drafts;
    const gated = (await this.tasks.run('gate', { task: 'attributions', story, draft: drafts }, signal)) as Gated<Attribution[]>;
    if (gated.value.length === 0) throw unverified('attribution');
    return drafts;
  }

  async commitments(story: Story, signal: AbortSignal): Promise<CommitmentDraft[]> {
    const parts = await Promise.all(
      this.pieces(story).map(async (piece) => {
        const user = this.prompts.render('commitments', { article: articleBlock(piece) });
        const json = await this.ask(user, { schema: commitmentsSchema, name: 'commitments' }, { task: 'commitments', story }, signal);
        return json.commitments.map((c): CommitmentDraft => ({
          actor: c.actor,
          actorMention: c.actorMention === null ? null : draftQuote(c.actorMention, piece),
          action: c.action,
          stance: c.stance,
          condition: c.stance === 'conditional' ? c.condition : null,
          quote: draftQuote(c.quote, piece),
        }));
      }),
    );
    const drafts = unique(parts.flat(), (c) => `${c.actor}\0${quoteText(c.quote)}`);
    if (drafts.length === 0) return drafts;
    const gated = (await this.tasks.run('gate', { task: 'commitments', story, draft: drafts }, signal)) as Gated<Commitment[]>;
    if (gated.value.length === 0) throw unverified('commitment');
    return drafts;
  }

  async answer(question: string, stories: Story[], signal: AbortSignal): Promise<AnswerDraft> {
    const batches = packBatches(stories.flatMap((s) => this.pieces(s)), this.chunkChars);
    const drafts = await Promise.all(
      batches.map(async (batch) => {
        const articles = batch.map(articleBlock).join('\n\n');
        const user = this.prompts.render('answer', { question: `<<<QUESTION>>>\n${question.trim()}\n<<<END QUESTION>>>`, articles });
        const json = await this.ask(user, { schema: answerSchema, name: 'answer' }, { task: 'answer', stories }, signal);
        return {
          answer: json.answer,
          grounded: json.grounded,
          quotes: json.quotes.map((q) => {
            const piece = batch.find((p) => p.story.id === q.storyId);
            return { storyId: q.storyId, quote: piece ? draftQuote(q.quote, piece) : q.quote };
          }),
        } satisfies AnswerDraft;
      }),
    );
    const gated = await Promise.all(
      drafts.map(async (draft) => ({
        draft,
        quotes: ((await this.tasks.run('gate', { task: 'answer', stories, draft }, signal)) as Gated<Answer>).value.quotes,
      })),
    );
    const verified = gated
      .filter((d) => d.quotes.length > 0)
      .sort((a, b) => b.quotes.length - a.quotes.length);
    if (verified[0]) return verified[0].draft;
    if (drafts.some((d) => d.grounded)) throw unverified('answer');
    return drafts[0] ?? { answer: NOT_IN_STORY, grounded: false, quotes: [] };
  }

  private pieces(story: Story): Piece[] {
    const spans = chunkStory(story, this.chunkChars);
    return spans.map((span, i) => ({ story, span, part: i + 1, parts: spans.length }));
  }

  /**
   * One task request with its checks: a reply that is not the JSON asked for gets one
   * correction request; quotes not found verbatim get one repair request listing them.
   */
  private async ask<S extends z.ZodType>(
    user: string,
    format: JsonFormat<S>,
    against: CheckTarget,
    signal: AbortSignal,
  ): Promise<z.infer<S>> {
    const messages: ChatMessage[] = [
      { role: 'system', content: this.prompts.render('system', {}) },
      { role: 'user', content: user },
    ];
    let reply = await this.chat.complete(messages, format, signal);
    let parsed = parseReply(format.schema, reply);
    if (!parsed.ok) {
      messages.push({ role: 'assistant', content: reply }, { role: 'user', content: this.prompts.render('repair', { problems: parsed.problem }) });
      reply = await this.chat.complete(messages, format, signal);
      parsed = parseReply(format.schema, reply);
      if (!parsed.ok) throw new EngineError('LLM_BAD_OUTPUT', `the model's reply was not the JSON asked for (${parsed.problem})`, { rejected: true });
    }
    const problems = await this.tasks.run('check', { ...against, reply: parsed.value } as ReplyCheck, signal);
    if (problems.length === 0) return parsed.value;
    messages.push({ role: 'assistant', content: reply }, { role: 'user', content: this.prompts.render('repair', { problems: problems.join('\n') }) });
    try {
      const repaired = parseReply(format.schema, await this.chat.complete(messages, format, signal));
      return repaired.ok ? repaired.value : parsed.value;
    } catch (error) {
      // A failed repair leaves the first reply, whose unverified quotes the gate drops.
      if (signal.aborted) throw error;
      return parsed.value;
    }
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parseReply<S extends z.ZodType>(schema: S, reply: string): Parsed<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(reply.trim().replace(/^```(?:json)?\s*|\s*```$/gu, ''));
  } catch {
    return { ok: false, problem: 'the reply is not valid JSON' };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'the reply'}: ${i.message}`);
  return { ok: false, problem: `the JSON does not match the schema: ${issues.join('; ')}` };
}

/**
 * The article (or one part of it) between markers that carry a tag from the story's hash, so
 * text inside the article cannot close the block.
 */
function articleBlock({ story, span, part, parts }: Piece): string {
  const tag = story.hash.slice(0, 12);
  const where = parts > 1 ? ` part ${part} of ${parts}` : '';
  return `<<<ARTICLE ${tag} id=${story.id}${where}>>>\n${story.text.slice(span.start, span.end).trim()}\n<<<END ARTICLE ${tag}>>>`;
}

/** A quote from a part of a long story is looked for near that part first. */
function draftQuote(text: string, piece: Piece): DraftQuote {
  return piece.parts > 1 ? { text, near: piece.span.start } : text;
}

function quoteText(quote: DraftQuote): string {
  return typeof quote === 'string' ? quote : quote.text;
}

function unverified(what: string): EngineError {
  return new EngineError('LLM_UNVERIFIED', `no ${what} from the model could be verified against the story`, { rejected: true });
}

/** The first item of each list, then the second of each, … up to `max`. */
function roundRobin<T>(lists: T[][], max: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < max && lists.some((l) => i < l.length); i++) {
    for (const list of lists) if (i < list.length && out.length < max) out.push(list[i]!);
  }
  return out;
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Groups pieces, in order, into requests of at most `maxChars` characters of article text. */
function packBatches(pieces: Piece[], maxChars: number): Piece[][] {
  const batches: Piece[][] = [];
  let size = 0;
  for (const piece of pieces) {
    const length = piece.span.end - piece.span.start;
    const last = batches[batches.length - 1];
    if (last && size + length <= maxChars) {
      last.push(piece);
      size += length;
    } else {
      batches.push([piece]);
      size = length;
    }
  }
  return batches;
}
