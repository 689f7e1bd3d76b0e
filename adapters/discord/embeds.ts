import { escapeMarkdown } from 'discord.js';
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { quoteLink, webLink } from '../../src/bot/links.js';
import type { Block, Reply } from '../../src/bot/reply.js';
import { shownStatement } from '../../src/bot/statement.js';
import { truncate } from '../../src/bot/truncate.js';

/** Discord's limits on a message's embeds, in UTF-16 code units (as Discord counts). */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Sum of titles, descriptions, field names and values and footers of all embeds in a message. */
  total: 6000,
  embeds: 10,
  /** A message's plain `content`. */
  content: 2000,
  threadName: 100,
} as const;

/** Field name for a field whose value says everything (Discord requires a non-empty name). */
const BLANK = '\u200b';
/** Room kept for the "n more not shown" note in the footer. */
const NOTE_ROOM = 60;
/** A block is cut rather than left out while at least this much room is left for it. */
const MIN_USEFUL = 40;

/**
 * Escapes story text for Discord markdown: emphasis, code, spoilers, headings, lists, block
 * quotes and link brackets, so a headline or quote shows as written.
 */
export function escapeText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true })
    .replace(/[[\]]/gu, '\\$&')
    .replace(/^(\s*)>/gmu, '$1\\>');
}

/**
 * The longest rendering of `raw`, cut with `truncate`, that is at most `room` long; `''`
 * when not even an ellipsis fits.
 */
function fitted(raw: string, room: number, render: (text: string) => string): string {
  let max = raw.length;
  while (max > 0) {
    const out = render(truncate(raw, max));
    if (out.length <= room) return out;
    // Escaping grows text unevenly, and a link adds a fixed length: shrink in proportion to
    // what is left for the text, so a long quote is cut rather than stepped past zero.
    const fixed = render('').length;
    max = Math.min(max - 1, Math.floor((max * Math.max(0, room - fixed)) / Math.max(1, out.length - fixed)));
  }
  return '';
}

/** One verbatim quote as a block-quote line, linked to its passage when the story has a URL. */
function quoteLine(quote: string, url: string | undefined, room: number): string {
  const words = quote.replace(/\s+/gu, ' ').trim();
  const plain = (text: string) => `> “${escapeText(text)}”`;
  // quoteLink gives http(s) only, with the parentheses that would end a Markdown link encoded.
  const href = url ? quoteLink(url, quote) : undefined;
  if (!href) return fitted(words, room, plain);
  const linked = (text: string) => `> [“${escapeText(text)}”](${href})`;
  // A link only when it leaves room for a readable part of the quote.
  if (room - href.length - 8 >= Math.min(words.length, MIN_USEFUL)) return fitted(words, room, linked);
  return fitted(words, room, plain);
}

/** A cited block's field value: the statement, then each quote; cut to fit `room`. */
function citedValue(block: Extract<Block, { type: 'cited' }>, url: string | undefined, room: number): string {
  // A point that is its quote is shown once, as the quote.
  const statement = shownStatement(block) ?? '';
  const text = escapeText(statement);
  const quotes = block.quotes.map((q) => quoteLine(q, url, DISCORD_LIMITS.fieldValue));
  const whole = [text, ...quotes].filter((line) => line !== '').join('\n');
  if (whole.length <= room) return whole;
  const quotesLength = quotes.reduce((sum, q) => sum + q.length + 1, 0);
  const textRoom = Math.min(text.length, Math.max(Math.floor(room / 3), room - quotesLength));
  const textPart = fitted(statement, textRoom, escapeText);
  let left = room - textPart.length;
  const lines = [textPart];
  block.quotes.forEach((quote, index) => {
    const share = Math.floor(left / (block.quotes.length - index)) - 1;
    const line = share > 0 ? quoteLine(quote, url, share) : '';
    if (line !== '') {
      lines.push(line);
      left -= line.length + 1;
    }
  });
  return lines.filter((line) => line !== '').join('\n');
}

function footerText(reply: Reply): string {
  const url = webLink(reply.sourceUrl);
  const parts = [url ? `Source: ${new URL(url).hostname}` : undefined, reply.engine ? `engine: ${reply.engine}` : undefined];
  return truncate(parts.filter(Boolean).join(' · '), DISCORD_LIMITS.footer - NOTE_ROOM);
}

function lineOf(block: Exclude<Block, { type: 'cited' | 'heading' }>): string {
  return block.type === 'context' ? `*${escapeText(block.text)}*` : escapeText(block.text);
}

/**
 * Renders a reply as Discord embeds: the heading is the title (linked to `reply.sourceUrl`),
 * text and small print before the first cited block form the description, each cited block is
 * a field whose verbatim quotes are block-quoted and linked to their passage, and the footer
 * names the source and the engine. Stays within every embed limit: long parts are cut with an
 * ellipsis, more than 25 fields continue in another embed, and what does not fit in the
 * message at all is counted in the footer. Never throws on long input.
 */
export function renderEmbeds(reply: Reply): APIEmbed[] {
  const url = webLink(reply.sourceUrl);
  const footer = footerText(reply);
  let budget = DISCORD_LIMITS.total - footer.length - NOTE_ROOM;
  const embeds: APIEmbed[] = [{}];
  let omitted = 0;
  const current = () => embeds[embeds.length - 1]!;
  const newEmbed = (): boolean => {
    if (embeds.length >= DISCORD_LIMITS.embeds) return false;
    embeds.push({});
    return true;
  };
  const take = (text: string) => {
    budget -= text.length;
    return text;
  };

  for (const block of reply.blocks) {
    if (budget < MIN_USEFUL) {
      omitted += 1;
      continue;
    }
    let embed = current();
    if (block.type === 'heading') {
      if ((embed.title !== undefined || embed.fields !== undefined || embed.description !== undefined) && !newEmbed()) {
        omitted += 1;
        continue;
      }
      embed = current();
      embed.title = take(fitted(block.text, Math.min(DISCORD_LIMITS.title, budget), escapeText));
      if (url && embeds.length === 1) embed.url = url;
      continue;
    }
    if (block.type !== 'cited' && embed.fields === undefined) {
      const separator = embed.description ? '\n' : '';
      const room = Math.min(DISCORD_LIMITS.description - (embed.description?.length ?? 0) - separator.length, budget - separator.length);
      const line = fitted(block.text, room, (text) => lineOf({ ...block, text }));
      if (line === '') {
        omitted += 1;
        continue;
      }
      embed.description = `${embed.description ?? ''}${take(separator)}${take(line)}`;
      continue;
    }
    if ((embed.fields?.length ?? 0) >= DISCORD_LIMITS.fields) {
      if (!newEmbed()) {
        omitted += 1;
        continue;
      }
      embed = current();
    }
    const field = fieldOf(block, url, budget);
    if (!field) {
      omitted += 1;
      continue;
    }
    take(field.name);
    take(field.value);
    (embed.fields ??= []).push(field);
  }

  const last = current();
  const note = omitted > 0 ? `${omitted} more not shown (Discord's message size limit)` : '';
  const footerLine = [footer, note].filter(Boolean).join(' · ');
  if (footerLine) last.footer = { text: footerLine };
  const shown = embeds.filter((e) => e.title || e.description || e.fields?.length || e.footer);
  return shown.length > 0 ? shown : [{ description: BLANK }];
}

/** A block after the first field, as a field; `undefined` when too little room is left. */
function fieldOf(block: Block, url: string | undefined, budget: number): APIEmbedField | undefined {
  if (block.type === 'cited') {
    const name = block.label ? fitted(block.label, Math.min(DISCORD_LIMITS.fieldName, budget / 4), escapeText) || BLANK : BLANK;
    const room = Math.min(DISCORD_LIMITS.fieldValue, budget - name.length);
    if (room < Math.min(MIN_USEFUL, block.text.length)) return undefined;
    const value = citedValue(block, block.source === undefined ? url : webLink(block.source), room);
    return { name, value: value === '' ? BLANK : value };
  }
  if (block.type === 'heading') return undefined;
  const room = Math.min(DISCORD_LIMITS.fieldValue, budget - BLANK.length);
  const value = fitted(block.text, room, (text) => lineOf({ ...block, text }));
  return value === '' ? undefined : { name: BLANK, value };
}

/** The plain one-line text of an error reply, for an ephemeral message or a thread reply. */
export function errorText(reply: Reply): string {
  const lines = reply.blocks.filter((b) => b.type === 'error').map((b) => b.text);
  return truncate(lines.join('\n') || 'something went wrong', DISCORD_LIMITS.content);
}

/** A thread name for a reply: its heading (the headline), else its first line; at most 100 characters. */
export function threadName(reply: Reply): string {
  const heading = reply.blocks.find((b) => b.type === 'heading') ?? reply.blocks[0];
  const name = (heading?.text ?? '').replace(/\s+/gu, ' ').trim();
  return truncate(name || 'Story', DISCORD_LIMITS.threadName);
}
