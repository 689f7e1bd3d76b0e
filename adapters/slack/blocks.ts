import type { types } from '@slack/bolt';
import { quoteLink } from '../../src/bot/links.js';
import type { Block, Reply } from '../../src/bot/reply.js';
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

/** A message ready for `chat.postMessage` / `chat.update`: blocks, plus the notification text. */
export interface SlackMessage {
  /** Plain text for notifications and clients that cannot show blocks. */
  text: string;
  /** The Block Kit blocks. */
  blocks: KnownBlock[];
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
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
  const href = sourceUrl ? escapeMrkdwn(quoteLink(sourceUrl, quote)) : '';
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
  const statement = `${block.label ? `*${escapeMrkdwn(block.label)}*  ` : ''}${escapeMrkdwn(block.text)}`;
  const texts: string[] = [truncate(statement, LIMITS.sectionText)];
  for (const quote of block.quotes) {
    const line = quoteLine(quote, sourceUrl, LIMITS.sectionText);
    const last = texts.length - 1;
    if (texts[last]!.length + 1 + line.length <= LIMITS.sectionText) texts[last] = `${texts[last]}\n${line}`;
    else texts.push(line);
  }
  return texts.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function renderBlock(block: Block, sourceUrl: string | undefined): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'header', text: { type: 'plain_text', text: truncate(block.text, LIMITS.headerText), emoji: false } }];
    case 'text':
      return [section(escapeMrkdwn(block.text))];
    case 'cited':
      return citedSections(block, sourceUrl);
    case 'context':
      return [context(escapeMrkdwn(block.text))];
    case 'error':
      return [section(`:warning: ${escapeMrkdwn(block.text)}`)];
  }
}

/** The notification text: the heading, else the first block's text, as plain text. */
function fallbackText(reply: Reply): string {
  const first = reply.blocks.find((b) => b.type === 'heading') ?? reply.blocks[0];
  return truncate(first ? first.text : 'Newsroom bot', LIMITS.fallbackText);
}

/**
 * Renders a bot reply as Block Kit: a header per heading, sections for text and cited points
 * (quotes as block quotes linking to the quoted passage of `reply.sourceUrl` with a text
 * fragment), context blocks for small print, and a footer naming the engine. Story text is
 * mrkdwn-escaped. Every Block Kit limit is kept: long texts are cut at a word, and a reply with
 * more than 50 blocks keeps the first 48 and says how many points were left out.
 */
export function renderBlocks(reply: Reply): SlackMessage {
  const blocks = reply.blocks.flatMap((b) => renderBlock(b, reply.sourceUrl));
  const footer: KnownBlock[] = reply.engine ? [context(`engine: ${escapeMrkdwn(reply.engine)}`)] : [];
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
  const text = truncate(`Working on it: ${what}`, LIMITS.contextText);
  return { text, blocks: [context(`:hourglass_flowing_sand: ${escapeMrkdwn(text)}`)] };
}
