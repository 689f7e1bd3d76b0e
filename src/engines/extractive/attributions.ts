import type { Story } from '../../story/story.js';
import type { AttributionDraft } from '../engine.js';
import { resolveMention, subjectBefore } from './clauses.js';
import type { Mention } from './clauses.js';
import { CUE_VERBS, cuePattern } from './cues.js';
import { NameIndex } from './names.js';

const CUE = cuePattern();
const CUE_AFTER_QUOTE = new RegExp(
  `^[,.!?]?\\s*(?:(${CUE_VERBS})\\s+([^.,;“”"]{1,60}?)|([^.,;“”"]{1,60}?)\\s+(${CUE_VERBS}))(?=[\\s.,;]|$)`,
  'u',
);
const DIRECT = /“([^”]+)”|"([^"]+)"/gu;

/**
 * Who said what, by rule: direct quotations with the speech verb next to them, reported
 * speech after a speech verb ("X said that …"), and "according to X, …".
 */
export function attributions(story: Story): AttributionDraft[] {
  const names = new NameIndex(story.text);
  const drafts: AttributionDraft[] = [];
  for (const paragraph of story.paragraphs) {
    const sentences = story.sentences.filter((s) => s.start >= paragraph.start && s.end <= paragraph.end);
    const quoted: Array<{ start: number; end: number }> = [];
    for (const match of story.text.slice(paragraph.start, paragraph.end).matchAll(DIRECT)) {
      const inner = match[1] ?? match[2]!;
      const start = paragraph.start + match.index + 1;
      const end = start + inner.length;
      quoted.push({ start: start - 1, end: end + 1 });
      if (inner.trim().split(/\s+/u).length < 4) continue;
      const sentence = sentences.find((s) => s.start <= start && start < s.end) ?? sentences[0];
      const attribution = directSource(story.text, end + 1, sentence?.start ?? paragraph.start, start - 1, names);
      if (!attribution) continue;
      drafts.push({ ...attribution, content: { text: inner.trim(), near: start }, direct: true });
    }
    for (const sentence of sentences) {
      const body = story.text.slice(sentence.start, sentence.end);
      const reported = reportedSpeech(story.text, sentence, body, quoted, names);
      if (reported) drafts.push(reported);
    }
  }
  return drafts;
}

function directSource(
  text: string,
  afterQuote: number,
  sentenceStart: number,
  quoteStart: number,
  names: NameIndex,
): Pick<AttributionDraft, 'source' | 'speaker' | 'cue'> | null {
  const after = CUE_AFTER_QUOTE.exec(text.slice(afterQuote, afterQuote + 90));
  if (after) {
    const cueText = after[1] ?? after[4]!;
    const sourceText = (after[2] ?? after[3]!).trim();
    const sourceAt = text.indexOf(sourceText, afterQuote);
    const cueAt = text.indexOf(cueText, afterQuote);
    const mention: Mention = { text: sourceText, start: sourceAt, end: sourceAt + sourceText.length };
    const { mention: source, name } = resolveMention(text, mention, names, sentenceStart);
    return {
      source: { text: source.text, near: source.start },
      speaker: name,
      cue: { text: cueText, near: cueAt },
    };
  }
  const before = text.slice(sentenceStart, quoteStart);
  // The nearest speech verb introduces the quote, except a participle ("Trump insisted …,
  // telling Fox News: “…”"), whose subject is that of the first one.
  const cues = [...before.matchAll(CUE)];
  const last = cues[cues.length - 1];
  const cue = last && /ing$/u.test(last[0]) ? cues[0] : last;
  if (!cue) return null;
  const cueAt = sentenceStart + cue.index;
  const subject =
    subjectBefore(text, sentenceStart, cueAt) ?? subjectBefore(text, sentenceStart, sentenceStart + firstVerbAt(before));
  if (!subject) return null;
  const { mention: source, name } = resolveMention(text, subject, names, sentenceStart);
  return { source: { text: source.text, near: source.start }, speaker: name, cue: { text: cue[0], near: cueAt } };
}

function reportedSpeech(
  text: string,
  sentence: { start: number; end: number },
  body: string,
  quoted: Array<{ start: number; end: number }>,
  names: NameIndex,
): AttributionDraft | null {
  const inQuote = (at: number) => quoted.some((q) => q.start <= at && at < q.end);
  const according = /^(?:[^,]*?\s)?[Aa]ccording to ([^,]{2,60}),\s*(.+?)[.!?]?["”]?$/u.exec(body);
  if (according && !inQuote(sentence.start + according.index)) {
    const sourceText = according[1]!;
    const content = according[2]!;
    const sourceAt = sentence.start + body.indexOf(sourceText);
    const { mention, name } = resolveMention(text, { text: sourceText, start: sourceAt, end: sourceAt + sourceText.length }, names, sentence.start);
    return {
      source: { text: mention.text, near: mention.start },
      speaker: name,
      cue: { text: 'according to', near: sentence.start + body.toLowerCase().indexOf('according to') },
      content: { text: content, near: sentence.start + body.indexOf(content) },
      direct: false,
    };
  }
  for (const cue of body.matchAll(CUE)) {
    const cueAt = sentence.start + cue.index;
    if (inQuote(cueAt)) continue;
    const rest = /^\s+(?:(?:to|told)\s+[\p{Lu}][\p{L}]*(?:\s+[\p{Lu}][\p{L}]*)*\s+)?(?:that\s+)?/u.exec(body.slice(cue.index + cue[0].length));
    const contentAt = cue.index + cue[0].length + (rest?.[0].length ?? 0);
    const content = body.slice(contentAt).replace(/[.!?]["”’]?$/u, '').trim();
    if (content.split(/\s+/u).length < 4 || /^[,.;:“"]/u.test(content)) continue;
    const subject = subjectBefore(text, sentence.start, cueAt);
    if (!subject) continue;
    const { mention, name } = resolveMention(text, subject, names, sentence.start);
    return {
      source: { text: mention.text, near: mention.start },
      speaker: name,
      cue: { text: cue[0], near: cueAt },
      content: { text: content, near: sentence.start + contentAt },
      direct: false,
    };
  }
  return null;
}

function firstVerbAt(before: string): number {
  const verb = /\s(?:\p{Ll}+ed|\p{Ll}+s)\b/u.exec(before);
  return verb ? verb.index : before.length;
}
