import { harbourText } from './articles.js';

/**
 * Strings that try to break out of a chat platform's markup: Slack's special and user
 * mentions, a spoofed link label, an ampersand entity, and Discord's mentions and masked links.
 */
export const MARKUP_ATTACKS = [
  '<!channel>',
  '<!here>',
  '<!subteam^S0123|@editors>',
  '<@U0ATTACKER>',
  '<#C0OTHER|general>',
  '<http://evil.example|Official council statement>',
  '@everyone',
  '<@&123456789012345678>',
  '[Official council statement](http://evil.example)',
] as const;

/** A headline that carries the Slack attacks. */
export const ATTACK_TITLE = '<!channel> urgent: <@U0ATTACKER> read <http://evil.example|Official council statement> & act';

/** Links of schemes a chat post must never link to. */
export const BAD_LINKS = [
  'javascript:alert(document.cookie)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
] as const;

/** A paragraph of story text that carries every attack in sentences a summary would quote. */
export const ATTACK_PARAGRAPH =
  'Protesters outside the harbour hall held signs reading <!channel> and <!here>, and a flyer told readers to contact <@U0ATTACKER> or <!subteam^S0123|@editors>. ' +
  'The flyer pointed to <http://evil.example|Official council statement> and to [Official council statement](http://evil.example), and ended with @everyone and <@&123456789012345678>. ' +
  'The harbour council said the flood wall would cost £4.2m & take 12 months, and that the flyer was not its own.';

/** The project's harbour story headed by {@link ATTACK_TITLE}, with {@link ATTACK_PARAGRAPH} after its first paragraph. */
export function attackArticle(): string {
  const [head = '', ...rest] = harbourText().trim().split(/\n\s*\n/u);
  const [, ...byline] = head.split('\n');
  return [[ATTACK_TITLE, ...byline].join('\n'), rest[0], ATTACK_PARAGRAPH, ...rest.slice(1)].join('\n\n');
}

const xml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
const html = xml;

/**
 * An RSS 2.0 feed whose titles, links and text carry the attacks: a link of each bad scheme,
 * a link with `|` and `>` in it (`pipeLink`), and full-text bodies with {@link ATTACK_PARAGRAPH}.
 */
export function attackFeed(pipeLink: string): string {
  const body = `<p>${html(ATTACK_PARAGRAPH)}</p>\n<p>${html(harbourText().trim().split(/\n\s*\n/u).slice(0, 3).join(' '))}</p>`;
  const items = [
    { title: ATTACK_TITLE, link: BAD_LINKS[0], guid: 'a1' },
    { title: '<!here> Harbour & quay: <@U0ATTACKER>', link: BAD_LINKS[1], guid: 'a2' },
    { title: '@everyone [Official council statement](http://evil.example)', link: BAD_LINKS[2], guid: 'a3' },
    { title: 'Council statement <http://evil.example|Official>', link: pipeLink, guid: 'a4' },
  ];
  const entries = items
    .map(
      (item, i) =>
        `<item><title>${xml(item.title)}</title><link>${xml(item.link)}</link><guid isPermaLink="false">${item.guid}</guid>` +
        `<pubDate>${new Date(Date.UTC(2026, 0, 10, 12 - i)).toUTCString()}</pubDate>` +
        `<description><![CDATA[${body}]]></description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${xml('<!channel> Harbour & Quay News')}</title>` +
    `<link>${xml(BAD_LINKS[0])}</link><description>attacks</description>\n${entries}\n</channel></rss>`;
}

/** Every string inside a JSON value, with the path that reaches it (`blocks.0.text.text`). */
export function walkStrings(value: unknown, path = ''): Array<{ path: string; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => walkStrings(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => walkStrings(v, path ? `${path}.${k}` : k));
  }
  return [];
}
