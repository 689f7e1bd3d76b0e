/**
 * What a person typed, from the text Slack delivers: mentions of the bot removed, links
 * unwrapped to their address (`<https://a.b|a.b>` → `https://a.b`), channel and special
 * mentions shown by name, and the entities `&amp;`, `&lt;`, `&gt;` decoded.
 */
export function typedText(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text;
  const unwrapped = withoutBot.replace(/<([^<>]*)>/gu, (_match, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (/^https?:\/\//iu.test(target)) return target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
    if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
    return label ?? `<${inner}>`;
  });
  return unwrapped.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&').trim();
}

/** The first http(s) address in typed text, if any. */
export function firstUrl(text: string): string | undefined {
  return /https?:\/\/\S+/iu.exec(text)?.[0];
}
