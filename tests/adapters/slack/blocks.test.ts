import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, LIMITS, renderBlocks, workingMessage } from '../../../adapters/slack/blocks.js';
import { firstUrl, typedText } from '../../../adapters/slack/slack-text.js';
import type { Block, Reply } from '../../../src/bot/reply.js';
import { ledgerReply } from '../../../src/bot/replies.js';
import { renderedLinks, renderedQuotes } from '../../helpers/fake-slack.js';
import { hostileLedger } from '../../helpers/ledger-stories.js';

type Rendered = { type: string; text?: { type: string; text: string }; elements?: Array<{ type: string; text: string }> };

const blocksOf = (reply: Reply): Rendered[] => renderBlocks(reply).blocks as Rendered[];

/** Every text in the rendered blocks, with the limit it must keep. */
function textsWithLimits(blocks: Rendered[]): Array<[string, number]> {
  return blocks.flatMap((b): Array<[string, number]> => {
    if (b.type === 'header') return [[b.text!.text, LIMITS.headerText]];
    if (b.type === 'section') return [[b.text!.text, LIMITS.sectionText]];
    if (b.type === 'context') return b.elements!.map((e): [string, number] => [e.text, LIMITS.contextText]);
    return [];
  });
}

function expectWithinLimits(blocks: Rendered[]): void {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  for (const [text, limit] of textsWithLimits(blocks)) expect(text.length).toBeLessThanOrEqual(limit);
  for (const b of blocks.filter((x) => x.type === 'context')) expect(b.elements!.length).toBeLessThanOrEqual(LIMITS.contextElements);
}

describe('renderBlocks', () => {
  it('renders a heading as a header, points as sections with block-quoted quotes, and the engine in a footer', () => {
    const reply: Reply = {
      blocks: [
        { type: 'heading', text: 'Council backs flood wall' },
        { type: 'context', text: 'Kestrel Bay Courier · 2026-03-01' },
        { type: 'cited', label: 'Council · commits', text: 'Builds the wall', quotes: ['The council voted on Monday to build a flood wall.'] },
      ],
      sourceUrl: 'https://news.example/wall',
      engine: 'extractive',
    };
    const blocks = blocksOf(reply);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Council backs flood wall', emoji: false } });
    expect(blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Kestrel Bay Courier · 2026-03-01' }] });
    expect(blocks[2]!.text!.text).toBe(
      '*Council · commits*  Builds the wall\n' +
        '>“The council voted on Monday to build a flood wall.” <https://news.example/wall#:~:text=The%20council%20voted%20on,build%20a%20flood%20wall.|source>',
    );
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'engine: extractive' }] });
    expect(renderBlocks(reply).text).toBe('Council backs flood wall');
  });

  it('shows a point that is its quote once, as the linked quote', () => {
    const sentence = 'The council voted on Monday to build a flood wall.';
    const blocks = blocksOf({
      blocks: [
        { type: 'cited', text: sentence, quotes: [sentence] },
        { type: 'cited', label: 'Council · commits', text: 'the council voted on Monday to build a flood wall', quotes: [sentence] },
      ],
      sourceUrl: 'https://news.example/wall',
    });
    const link = '<https://news.example/wall#:~:text=The%20council%20voted%20on,build%20a%20flood%20wall.|source>';
    expect(blocks[0]!.text!.text).toBe(`>“${sentence}” ${link}`);
    expect(blocks[1]!.text!.text).toBe(`*Council · commits*  \n>“${sentence}” ${link}`);
  });

  it('leaves quotes unlinked when the story has no web address', () => {
    const blocks = blocksOf({ blocks: [{ type: 'cited', text: 'A point', quotes: ['pasted words'] }] });
    expect(blocks[0]!.text!.text).toBe('A point\n>“pasted words”');
    expect(renderedLinks(blocks)).toEqual([]);
  });

  it('escapes &, < and > in story text, labels and quotes, and in links', () => {
    const reply: Reply = {
      blocks: [
        { type: 'text', text: 'Fees <b> & rates > 5%' },
        { type: 'cited', label: 'A&B', text: '<!channel>', quotes: ['x < y & z'] },
        { type: 'context', text: '<https://evil.example|click>' },
      ],
      sourceUrl: 'https://news.example/a?b=1&c=2',
    };
    const blocks = blocksOf(reply);
    expect(blocks[0]!.text!.text).toBe('Fees &lt;b&gt; &amp; rates &gt; 5%');
    expect(blocks[1]!.text!.text.startsWith('*A&amp;B*  &lt;!channel&gt;\n>“x &lt; y &amp; z”')).toBe(true);
    expect(blocks[2]!.elements![0]!.text).toBe('&lt;https://evil.example|click&gt;');
    expect(renderedQuotes(blocks)).toEqual(['x < y & z']);
    expect(renderedLinks(blocks)).toEqual(['https://news.example/a?b=1&c=2#:~:text=x%20%3C%20y%20%26%20z']);
    expect(escapeMrkdwn('&<>')).toBe('&amp;&lt;&gt;');
  });

  it('cuts a long headline to 150 characters at a word', () => {
    const heading = 'Word '.repeat(60).trim();
    const header = blocksOf({ blocks: [{ type: 'heading', text: heading }] })[0]!;
    expect(header.text!.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect(header.text!.text.endsWith('Word…')).toBe(true);
  });

  it('cuts a quote longer than a section outside the quotation marks, so what is quoted is still verbatim', () => {
    const quote = 'The council said & agreed <again> that '.repeat(120).trim();
    const blocks = blocksOf({ blocks: [{ type: 'cited', text: 'Point', quotes: [quote] }], sourceUrl: 'https://news.example/a' });
    expectWithinLimits(blocks);
    const shown = renderedQuotes(blocks);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.length).toBeGreaterThan(1000);
    expect(quote.startsWith(shown[0]!)).toBe(true);
    expect(blocks.map((b) => b.text?.text ?? '').join('\n')).toMatch(/”… <https:/u);
  });

  it('spreads a point whose quotes overflow one section over several sections', () => {
    const quotes = Array.from({ length: 6 }, (_, i) => `Quote number ${i} `.repeat(50).trim());
    const blocks = blocksOf({ blocks: [{ type: 'cited', text: 'Point', quotes }] });
    expectWithinLimits(blocks);
    expect(blocks.length).toBeGreaterThan(1);
    expect(renderedQuotes(blocks)).toEqual(quotes);
  });

  it('keeps at most 50 blocks, says how many were left out, and keeps the footer', () => {
    const many: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: 'cited', text: `Point ${i}`, quotes: [`quote ${i}`] }));
    const blocks = blocksOf({ blocks: [{ type: 'heading', text: 'Many' }, ...many], engine: 'extractive' });
    expectWithinLimits(blocks);
    expect(blocks).toHaveLength(LIMITS.blocks);
    expect(blocks.at(-2)!.elements![0]!.text).toBe('33 more blocks not shown: Slack allows 50 per message');
    expect(blocks.at(-1)!.elements![0]!.text).toBe('engine: extractive');
  });

  it('keeps long text and context within their limits', () => {
    const long = 'word '.repeat(2000);
    const blocks = blocksOf({ blocks: [{ type: 'text', text: long }, { type: 'context', text: long }, { type: 'error', text: long }] });
    expectWithinLimits(blocks);
    expect(blocks[2]!.text!.text.startsWith(':warning: word')).toBe(true);
  });

  it('escapes the headline in the header and the notification text, within their limits', () => {
    const message = renderBlocks({ blocks: [{ type: 'heading', text: `<!channel> ${'&'.repeat(400)}` }, { type: 'text', text: 'body' }] });
    expect(message.text.startsWith('&lt;!channel&gt; &amp;')).toBe(true);
    const header = message.blocks[0] as Rendered;
    expect(header.text!.text.startsWith('&lt;!channel&gt; &amp;')).toBe(true);
    expect(header.text!.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    // Cut between entities, never inside one.
    expect(header.text!.text.replace(/&(amp|lt|gt);/gu, '')).not.toContain('&');
    expect(renderBlocks({ blocks: [{ type: 'context', text: '<@U1> first' }] }).text).toBe('&lt;@U1&gt; first');
  });

  it('links quotes only to http(s) sources, with | and > percent-encoded', () => {
    for (const sourceUrl of ['javascript:alert(1)', 'data:text/html,hi', 'vbscript:msgbox(1)']) {
      const blocks = blocksOf({ blocks: [{ type: 'cited', text: 'Point', quotes: ['the words'] }], sourceUrl });
      expect(blocks[0]!.text!.text).toBe('Point\n>“the words”');
    }
    const spoof = blocksOf({ blocks: [{ type: 'cited', text: 'Point', quotes: ['the words'] }], sourceUrl: 'https://a.example/x|Official>' });
    expect(renderedLinks(spoof)).toEqual(['https://a.example/x%7COfficial%3E#:~:text=the%20words']);
  });

  it('renders a working message as small print, escaped in the notification text too', () => {
    expect(workingMessage('/summarize <x>')).toEqual({
      text: 'Working on it: /summarize &lt;x&gt;',
      blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: ':hourglass_flowing_sand: Working on it: /summarize &lt;x&gt;' }] }],
    });
  });
});

describe('typedText', () => {
  it('removes the bot mention, unwraps links and decodes entities', () => {
    expect(typedText('<@UBOT> summarise <https://a.example/x?y=1&amp;z=2|a.example/x> &lt;now&gt;', 'UBOT')).toBe(
      'summarise https://a.example/x?y=1&z=2 <now>',
    );
  });

  it('shows channels and special mentions by name and keeps other users', () => {
    expect(typedText('<#C1|news> <!here> <@U2> <mailto:a@b.example|a@b.example>')).toBe('#news @here <@U2> a@b.example');
  });

  it('finds the first link', () => {
    expect(firstUrl('see https://a.example/1 and http://b.example')).toBe('https://a.example/1');
    expect(firstUrl('no link')).toBeUndefined();
  });
});

describe('a ledger reply (/commitments <actor>) at the limits', () => {
  it.each([
    ['hostile, long quotes', hostileLedger(60, 600)],
    ['hostile, short quotes', hostileLedger(60, 12)],
    ['plain, short quotes', hostileLedger(60, 12, 'x')],
    ['three entries of quotes longer than a section', hostileLedger(3, 900)],
  ])('%s: every Block Kit limit kept, nothing dropped by the renderer, each quote linked to its own story, "and N more" last', (_name, ledger) => {
    const reply = ledgerReply('uk', ledger);
    const message = renderBlocks(reply);
    const blocks = message.blocks as Rendered[];
    expectWithinLimits(blocks);
    const shown = reply.blocks.filter((b) => b.type === 'cited').length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(10);
    const all = JSON.stringify(message);
    expect(all).not.toMatch(/not shown/u);
    for (const raw of ['<!channel>', '<@U123>', '<https://evil.example']) expect(all).not.toContain(raw);
    const links = renderedLinks(blocks);
    expect(links).toHaveLength(shown);
    links.forEach((link, k) => expect(link.startsWith(`https://news.example/story-${k}?a=1%7C2&b=%28x%29#:~:text=`)).toBe(true));
    const last = blocks.at(-1)!.elements![0]!.text;
    expect(last).toMatch(/^and (\d+) more — `newsroom ledger --actor "United .*Kingdom" --csv` for the rest$/u);
    expect(Number(/^and (\d+)/u.exec(last)![1])).toBe(ledger.total - shown);
  });

  it('shows the change as "changed: refused on 27 Aug, commits on 28 Aug"', () => {
    const reply = ledgerReply('uk', hostileLedger(1, 5, 'x'));
    expect(JSON.stringify(renderBlocks(reply))).toContain('changed: refused on 27 Aug, commits on 28 Aug');
  });
});
