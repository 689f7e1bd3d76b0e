import type { types } from '@slack/bolt';
import { quoteLink } from '../../src/bot/links.js';
import type { Block, Reply } from '../../src/bot/reply.js';
import { shownStatement } from '../../src/bot/statement.js';
import { truncate } from '../../src/bot/truncate.js';

type KnownBlock = types.KnownBlock;

/** Block Kit limits the renderer keeps to (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** Characters of a section's text. */
  sectionText: 3000,
  /** Characters of a header's plain_text. */
  headerText: 150,
  /** Elements of one context block. */
  contextElements: 10,
  /** Characters of one context element's text. */
  contextText: 3000,
  /** Characters of the notification text sent beside the blocks. */
  fallbackText: 3000,
} as const;

/** Longest label of a cited block (an actor and stance), before escaping. */
const LABEL_CHARS = 200;
const WARNING = ':warning: ';

/** A message ready for `chat.postMessage` / `chat.update`: blocks, plus the notification text. */
export interface SlackMessage {
  /** Plain text for notifications and clients that cannot show blocks. */
  text: string;
  /** The Block Kit blocks. */
  blocks: KnownBlock[];
}

/**
 * Escapes the three characters Slack treats as control characters in every text field (mrkdwn,
 * plain_text and the notification text alike), so `<!channel>`, `<@U…>` and `<url|label>` in
 * outside text show as written instead of pinging or linking.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** `text` escaped and cut so that the escaped form is at most `max` characters. */
function escapedWithin(text: string, max: number): string {
  let cut = max;
  let out = escapeMrkdwn(truncate(text, cut));
  while (out.length > max && cut > 1) {
    // Escaping grows text unevenly (one & is five characters): shrink in proportion.
    cut = Math.max(1, Math.min(cut - 1, Math.floor((cut * max) / out.length)));
    out = escapeMrkdwn(truncate(text, cut));
  }
  return out;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText) }] };
}

/** A quote's words as block-quote text: escaped, each further line marked as quoted too. */
function quoteBody(words: string): string {
  return escapeMrkdwn(words).replace(/\n/gu, '\n>');
}

/**
 * One quote as a block-quote line: the verbatim words in quotation marks, then a link to that
 * passage of the source. A quote too long for a section is cut, and the ellipsis goes outside
 * the quotation marks: what stands inside them is always story text.
 */
function quoteLine(quote: string, sourceUrl: string | undefined, room: number): string {
  // quoteLink gives http(s) only, with | and angle brackets percent-encoded; & becomes &amp;.
  const target = sourceUrl ? quoteLink(sourceUrl, quote) : undefined;
  const href = target ? escapeMrkdwn(target) : '';
  const link = href !== '' && href.length < room / 2 ? ` <${href}|source>` : '';
  const budget = room - link.length - '>“”…'.length;
  if (quoteBody(quote).length <= budget) return `>“${quoteBody(quote)}”${link}`;
  let max = budget;
  while (max > 1 && quoteBody(truncate(quote, max)).length > budget) max = Math.floor(max * 0.9);
  const words = truncate(quote, max).replace(/…$/u, '').trimEnd();
  return `>“${quoteBody(words)}”…${link}`;
}

/** A cited block: the statement (with its label), then each quote; more sections if it overflows. */
function citedSections(block: Extract<Block, { type: 'cited' }>, sourceUrl: string | undefined): KnownBlock[] {
  const label = block.label ? `*${escapedWithin(block.label, LABEL_CHARS)}*  ` : '';
  const statement = shownStatement(block);
  // A point that is its quote is shown once, as the quote: the label stands alone above it.
  const texts: string[] = [`${label}${statement === null ? '' : escapedWithin(statement, LIMITS.sectionText - label.length)}`];
  for (const quote of block.quotes) {
    const line = quoteLine(quote, sourceUrl, LIMITS.sectionText);
    const last = texts.length - 1;
    if (texts[last] === '') {
      texts[last] = line;
      continue;
    }
    if (texts[last]!.length + 1 + line.length <= LIMITS.sectionText) texts[last] = `${texts[last]}\n${line}`;
    else texts.push(line);
  }
  return texts.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function renderBlock(block: Block, sourceUrl: string | undefined): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'header', text: { type: 'plain_text', text: escapedWithin(block.text, LIMITS.headerText), emoji: false } }];
    case 'text':
      return [section(escapedWithin(block.text, LIMITS.sectionText))];
    case 'cited':
      return citedSections(block, block.source ?? sourceUrl);
    case 'context':
      return [context(escapedWithin(block.text, LIMITS.contextText))];
    case 'error':
      return [section(`${WARNING}${escapedWithin(block.text, LIMITS.sectionText - WARNING.length)}`)];
  }
}

/**
 * The notification text: the heading, else the first block's text, escaped. Slack parses this
 * field too, and it is the one that notifies: an unescaped `<!channel>` here pings everyone.
 */
function fallbackText(reply: Reply): string {
  const first = reply.blocks.find((b) => b.type === 'heading') ?? reply.blocks[0];
  return escapedWithin(first ? first.text : 'Newsroom bot', LIMITS.fallbackText);
}

/**
 * Renders a bot reply as Block Kit: a header per heading, sections for text and cited points
 * (quotes as block quotes linking to the quoted passage of `reply.sourceUrl` with a text
 * fragment), context blocks for small print, and a footer naming the engine. Story text is
 * escaped in every field, the notification text included, and only http(s) sources are linked.
 * Every Block Kit limit is kept: long texts are cut at a word, and a reply with
 * more than 50 blocks keeps the first 48 and says how many points were left out.
 */
export function renderBlocks(reply: Reply): SlackMessage {
  const blocks = reply.blocks.flatMap((b) => renderBlock(b, reply.sourceUrl));
  const footer: KnownBlock[] = reply.engine ? [context(`engine: ${escapedWithin(reply.engine, LABEL_CHARS)}`)] : [];
  const room = LIMITS.blocks - footer.length;
  let body = blocks;
  if (blocks.length > room) {
    const kept = blocks.slice(0, room - 1);
    const left = blocks.length - kept.length;
    body = [...kept, context(`${left} more block${left === 1 ? '' : 's'} not shown: Slack allows ${LIMITS.blocks} per message`)];
  }
  return { text: fallbackText(reply), blocks: [...body, ...footer] };
}

/** The placeholder posted while a slow command runs; replaced by the result. */
export function workingMessage(what: string): SlackMessage {
  const text = escapedWithin(`Working on it: ${what}`, LIMITS.contextText - ':hourglass_flowing_sand: '.length);
  return { text, blocks: [context(`:hourglass_flowing_sand: ${text}`)] };
}
