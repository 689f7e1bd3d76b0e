/**
 * Commitments a story states outside its sentences: in the headline ("Britain not ready to send
 * troops to Ukraine front lines"), and support someone is reported as giving ("Trump giving his
 * support to security guarantees"), which no commitment word names.
 */
import type { Sentence, Span } from '../../story/story.js';
import { isAgent, resolveActor } from './commitment-actors.js';
import type { Found, SentenceContext } from './commitment-context.js';
import { shortAction } from './commitment-words.js';

/**
 * Headline grammar drops "is": "Britain not ready to send …", "Council set to close …". The
 * subject is a short name, the intention word follows it, the act follows "to".
 */
const HEADLINE =
  /^((?:(?:The|the)\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}(?!(?:not|no)\s)(?:\p{L}[\p{L}.'’-]*))\s+(?:(?:is|are)\s+)?(not\s+|no longer\s+)?(ready|prepared|willing|set|poised|plans|planning|vows?|pledges?|promises?|refuses?|agrees?)\s+to\s+(\p{Ll}.*?)[.!?]?$/u;

/** The headline's commitment, when it is outside the body the other readers go over. */
export function headlineCommitments(title: Span, context: SentenceContext): Found[] {
  const { text } = context;
  const line = text.slice(title.start, title.end);
  const match = HEADLINE.exec(line);
  if (!match || !isAgent(match[1]!)) return [];
  const subject = { text: match[1]!, start: title.start, end: title.start + match[1]!.length };
  const actor = resolveActor(text, subject, context.names, title, null);
  const name = fullerNameInBody(text, title.end, actor.name);
  const word = match[3]!;
  const refused = match[2] !== undefined || /^refuse/u.test(word);
  const planned = /^plan/u.test(word);
  const act = shortAction(match[4]!);
  const quote = line.replace(/[.!?]$/u, '');
  return [
    {
      start: title.start,
      end: title.start + quote.length,
      draft: {
        actor: name,
        actorMention: { text: subject.text, near: subject.start },
        action: planned ? `${word} to ${act}` : act,
        stance: refused ? 'refuses' : planned ? 'considering' : 'commits',
        condition: null,
        quote: { text: quote, near: title.start },
      },
    },
  ];
}

/** How far into the body a headline's actor is looked for under a fuller name. */
const BODY_NAMES = 3000;

/**
 * The body's fuller name for a headline's short one: headlines clip names ("Fenwick council"),
 * and the story's first paragraphs give them whole ("Fenwick Borough Council"). The fuller name
 * ends in the same word and holds every other word of the short one; else `name` stays.
 */
function fullerNameInBody(text: string, bodyStart: number, name: string): string {
  const words = name.toLowerCase().split(/\s+/u);
  if (words.length < 2) return name;
  const head = words[words.length - 1]!;
  const body = text.slice(bodyStart, bodyStart + BODY_NAMES);
  for (const match of body.matchAll(/(?:\p{Lu}[\p{L}'’&-]*\s+){1,5}\p{Lu}[\p{L}'’-]*/gu)) {
    const found = match[0].split(/\s+/u);
    const lower = found.map((w) => w.toLowerCase());
    if (found.length > words.length && lower[lower.length - 1] === head && words.every((w) => lower.includes(w))) return found.join(' ');
  }
  return name;
}

/** "Trump giving his support to security guarantees", "the union gave its backing to the plan". */
const SUPPORT =
  /\b((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*)\s+(?:gave|giving|gives|give|offered|offering|offers|threw|throwing|pledged|lent|lending)\s+(?:his|her|their|its)\s+(?:(?:full|strong|public|formal)\s+)?(?:support|backing)\s+(?:to|for|behind)\s+((?:[\p{L}\p{N}'’-]+\s+){0,7}?[\p{L}\p{N}'’-]+)(?=\s+(?:on|in|at|last|this|after|before|during)\s+(?:\p{Lu}|\d|the\s+\p{Ll}+\s+of)|[,.;:”"]|\s+(?:\p{Ll}+ed|was|is|has)\b|$)/gu;

/** Support someone is reported as giving: a commitment to back what they support. */
export function supportCommitments(sentence: Sentence, context: SentenceContext): Found[] {
  const { text } = context;
  const found: Found[] = [];
  for (const match of text.slice(sentence.start, sentence.end).matchAll(SUPPORT)) {
    const name = match[1]!.replace(/^(?:So|And|But|Then|Now|When|While|With)\s+/u, '');
    const start = sentence.start + match.index + match[0].indexOf(name);
    if (!isAgent(name)) continue;
    const actor = resolveActor(text, { text: name, start, end: start + name.length }, context.names, sentence, context.speaker());
    const end = sentence.start + match.index + match[0].length;
    const quote = text.slice(start, end);
    found.push({
      start,
      end,
      draft: {
        actor: actor.name,
        actorMention: { text: name, near: start },
        action: `support ${shortAction(match[2]!)}`,
        stance: 'commits',
        condition: null,
        quote: { text: quote, near: start },
      },
    });
  }
  return found;
}
