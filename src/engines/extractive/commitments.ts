import type { Span, Story } from '../../story/story.js';
import type { CommitmentDraft } from '../engine.js';
import { speakerIn, visibleActor } from './commitment-actors.js';
import type { Actor } from './commitment-actors.js';
import { cueCommitments } from './commitment-cues.js';
import type { Found, SentenceContext } from './commitment-context.js';
import { headlineCommitments, supportCommitments } from './commitment-headline.js';
import { modalCommitments } from './commitment-modals.js';
import { NameIndex } from './names.js';

const DIRECT = /“[^“”]*(?:”|$)|"[^"]*(?:"|$)/gu;

/**
 * Who committed to what, by rule. Two readers go over each sentence: one for commitment words
 * ("promised to", "vowed", "agreed to", "refused", "declined to", "ruled out", "his pledge
 * to"), one for modals and intentions someone is reported as stating ("the UK will provide",
 * "there would be no deployment", "could help … if …"). Where both find the same words, the
 * commitment word wins. The actor is who is committed, with pronouns resolved to the person
 * named ("Trump said he will" → Trump), in words the citation gate finds near the quote
 * (`visibleActor`).
 */
export function commitments(story: Story): CommitmentDraft[] {
  const { text } = story;
  const names = new NameIndex(text);
  const found: Found[] = [];
  const quotesByParagraph = new Map<number, Span[]>();
  story.sentences.forEach((sentence) => {
    const paragraph = story.paragraphs[sentence.paragraph]!;
    let quotes = quotesByParagraph.get(sentence.paragraph);
    if (!quotes) {
      quotes = directQuotes(text, paragraph);
      quotesByParagraph.set(sentence.paragraph, quotes);
    }
    const context: SentenceContext = {
      text,
      names,
      quotes,
      speaker: once(() => speakerIn(text, sentence, quotes, names)),
      quoteSpeaker: once(() => speakerIn(text, sentence, quotes, names) ?? speakerIn(text, paragraph, quotes, names)),
    };
    const byCue = cueCommitments(sentence, context);
    const byModal = modalCommitments(sentence, context).filter((m) => !byCue.some((c) => overlap(c, m) >= 0.5 * (m.end - m.start)));
    const bySupport = supportCommitments(sentence, context).filter((m) => ![...byCue, ...byModal].some((c) => overlap(c, m) > 0));
    found.push(...[...byCue, ...byModal, ...bySupport].sort((a, b) => a.start - b.start));
  });
  const title = headline(story);
  if (title) {
    const context: SentenceContext = { text, names, quotes: [], speaker: () => null, quoteSpeaker: () => null };
    found.unshift(...headlineCommitments(title, context));
  }
  return found.map((f) => visibleActor(story, f.draft, f));
}

/**
 * The headline's span when the story's header holds it, outside the body: a headline that is
 * also the body's first sentence is read with the body.
 */
function headline(story: Story): Span | null {
  const title = story.meta.title;
  if (!title) return null;
  const start = story.text.indexOf(title);
  const bodyStart = story.sentences[0]?.start ?? story.text.length;
  if (start < 0 || start + title.length > bodyStart) return null;
  return { start, end: start + title.length };
}

/** Direct quotations in a paragraph, marks included; one left open runs to the paragraph's end. */
function directQuotes(text: string, paragraph: Span): Span[] {
  const body = text.slice(paragraph.start, paragraph.end);
  return [...body.matchAll(DIRECT)].map((m) => ({ start: paragraph.start + m.index, end: paragraph.start + m.index + m[0].length }));
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function once(compute: () => Actor | null): () => Actor | null {
  let done = false;
  let value: Actor | null = null;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}
