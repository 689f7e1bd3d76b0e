import type { Story } from '../../story/story.js';
import { contentStems } from './words.js';

/** What a sentence of the story can be used for in a summary. */
export type StatementKind =
  /** A full sentence of the story's own telling: a summary point. */
  | 'statement'
  /** A sentence too short to carry much; a point only when a story has few others. */
  | 'short'
  /** Story text that does not end like a sentence, or a photo caption: never a point. */
  | 'fragment'
  /** Bylines, timestamps, "click here" prompts: not part of the story at all. */
  | 'boilerplate';

/** The usable part of one sentence of a story. */
export interface SentenceBody {
  /** Index into `Story.sentences`. */
  sentence: number;
  /** Offset in `Story.text` of the part worth quoting (datelines and glued captions cut off). */
  start: number;
  /** One past its last character. */
  end: number;
  /** What the sentence is good for. */
  kind: StatementKind;
  /** Its length in words, counted as the ROUGE scorer and readers would. */
  words: number;
  /** Content-word stems, for comparing sentences. */
  stems: string[];
  /**
   * Whether the sentence only makes sense after another, which a point cannot carry: it
   * opens on a word pointing back ("But", "Its chair", "This") or is a quotation put in the
   * mouth of a pronoun ("“…,” she told the meeting.").
   */
  leans: boolean;
}

/** Sentences shorter than this many words are `short`. */
export const MIN_STATEMENT_WORDS = 8;

const TERMINAL = /[.!?…]["”’')\]]*$/u;

/**
 * A dateline before a paragraph's first words: "(CNN)", "LONDON, England (CNN) --",
 * "(The Hollywood Reporter)", "WASHINGTON — ".
 */
const DATELINE =
  /^(?:[^()\n]{0,60}\([\p{Lu}][^()\n]{1,40}\)(?:\s*(?:--|-|—|–)\s*)?|\p{Lu}[\p{Lu}\s.,']{2,40}\s(?:--|—|–)\s+)(?=["“‘'\p{Lu}])/u;

const SCROLL_PROMPT = /^(?:(?:Scroll|Click) down (?:for|to see) (?:the )?(?:video|videos|more)\s*[.:]?\s*)+/iu;

/**
 * Where web pages glue a photo caption, which has no full stop, to the sentence after it:
 * a word in lower case, then a capitalised sentence opener followed by a word in lower case
 * ("…pictured in 2012 A man who won…"). Names and titles ("told The Sun") do not match,
 * because the word after the capital is capitalised too.
 */
const GLUED_CAPTION =
  /(?<=[\p{Ll}\p{N}][)’'"”]?) (?=(?:The|A|An|This|These|Those|His|Her|Their|Its|Our|It|He|She|They|We|There|But|And|In|On|At|As|After|When|While|With|For|From|Since|During|Despite|Although|If|Some|Many|Most|Now) [\p{Ll}\p{N}])/gu;

const LABEL_NOT_OPENER = /^An? (?:is|was|are|were|has|had|have|will|would|can|could|may|might|must|should|does|did)\b/u;

/** A caption opened by a short label: "Shooter: Terry Martin, 48, …", "Pictured: the site …". */
const CAPTION_LABEL = /^(\p{Lu}[^.:!?"“”]{0,40}):\s+["“‘'\p{Lu}]/u;

/**
 * Caption labels are a few words naming what the photo shows ("Sleepy kid", "Once so
 * close"). A label with a verb or a pronoun in it is the start of a sentence ("The message
 * read:", "It's an annual tradition:", "Mr Smith said:").
 */
const SENTENCE_WORD =
  /\b(?:is|was|are|were|be|been|has|have|had|do|does|did|will|would|can|could|read|reads|said|says|say|added|told|tells|explained|wrote|writes|texted|tweeted|posted|insisted|claimed|revealed|stated|asked|continued|commented|warned|admitted|announced|declared|replied|recalled|noted|joked|argued|agreed|concluded|look|it|it's|its|this|that|there|who|what|why|how|i|we|you|he|she|they)\b/iu;

/** Openers that point back to something said before: possessives, demonstratives, connectives. */
const BACK_REFERENCE =
  /^["“‘']?(?:His|Her|Their|Its|This|These|Those|That|Such|But|However|And|Also|Yet|So|Still|Meanwhile|Instead|Nevertheless|Moreover|Furthermore|Then|Besides|Otherwise|Likewise)\b(?!['’]s\s+\p{Lu})/u;

/** A quotation, then a pronoun saying it: "…," she told the meeting. / "…?" he asked. */
const PRONOUN_QUOTE = /^["“‘'].*[,.?!…]["”’']\s+(?:he|she|they|it|we|I)\s+\p{Ll}+\b[^"“”]*$/su;

const BOILERPLATE = new RegExp(
  [
    String.raw`^By\s*[.:|]`,
    String.raw`^By\s+\p{Lu}[\p{L}'’.-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}'’.-]*){0,5}\s*[.|]?$`,
    String.raw`\b(?:PUBLISHED|UPDATED)\s*:`,
    String.raw`\bLast updated (?:at|on)\b`,
    String.raw`^\W*\d{1,2}:\d{2}\s*(?:[AP]M\s*)?(?:EST|EDT|GMT|BST|CET|UTC|ET|PT)\b`,
    String.raw`\bCLICK HERE\b`,
    String.raw`\bREAD MORE\b`,
    String.raw`\bDaily Mail Reporter\b`,
    String.raw`\bMailOnline Reporter\b`,
    String.raw`^(?:Follow us|Sign up for|Subscribe to)\b`,
    String.raw`\bFollow @\w+`,
    String.raw`^(?:Scroll|Click) down\b`,
  ].join('|'),
  'u',
);

/**
 * The part of each sentence of `story` that could stand in a summary, and what it is good
 * for. Web copy carries datelines, glued photo captions and page furniture; those are cut
 * off or marked here so that summary points quote only the story's own telling.
 */
export function sentenceBodies(story: Story): SentenceBody[] {
  const firstOfParagraph = new Set<number>();
  story.sentences.forEach((s, i) => {
    if (i === 0 || story.sentences[i - 1]!.paragraph !== s.paragraph) firstOfParagraph.add(i);
  });
  return story.sentences.map((sentence, index) => {
    let start = sentence.start;
    const end = sentence.end;
    const skip = (pattern: RegExp): void => {
      const match = pattern.exec(story.text.slice(start, end));
      if (match && match[0].length > 0) start = skipSpace(story.text, start + match[0].length, end);
    };
    if (firstOfParagraph.has(index)) skip(DATELINE);
    skip(SCROLL_PROMPT);
    start = afterGluedCaption(story.text, start, end);
    skip(SCROLL_PROMPT);
    const text = story.text.slice(start, end);
    const words = countWords(text);
    const leans = BACK_REFERENCE.test(text) || PRONOUN_QUOTE.test(text);
    return { sentence: index, start, end, kind: kindOf(text, words), words, stems: contentStems(text), leans };
  });
}

/** Words in `text`: runs of letters and digits, or whitespace-separated chunks if more. */
export function countWords(text: string): number {
  const runs = text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const chunks = text.split(/\s+/u).filter((c) => c !== '').length;
  return Math.max(runs, chunks);
}

function kindOf(text: string, words: number): StatementKind {
  if (text === '' || BOILERPLATE.test(text)) return 'boilerplate';
  // A sentence has a word in lower case somewhere (its verb, usually); a name or a
  // shouted label alone ("Jane Roe.", "BREAKING NEWS.") is not one.
  if (!TERMINAL.test(text) || !/(?:^|\s)["“‘'(]?\p{Ll}/u.test(text) || isCaption(text)) return 'fragment';
  return words >= MIN_STATEMENT_WORDS ? 'statement' : 'short';
}

function isCaption(text: string): boolean {
  const label = CAPTION_LABEL.exec(text)?.[1];
  return label !== undefined && label.split(/\s+/u).length <= 4 && !SENTENCE_WORD.test(label);
}

/**
 * Start of the sentence proper when captions are glued in front of it. A cut must leave a
 * caption of at least four words before it and a full sentence after it, and an article
 * followed by a verb is a label, not a sentence opener ("Plan A was approved",
 * "infra-red A rays, too").
 */
function afterGluedCaption(text: string, start: number, end: number): number {
  const body = text.slice(start, end);
  let cut = 0;
  for (const match of body.matchAll(GLUED_CAPTION)) {
    const at = match.index + 1;
    if (LABEL_NOT_OPENER.test(body.slice(at))) continue;
    if (countWords(body.slice(cut, at)) >= 4 && countWords(body.slice(at)) >= MIN_STATEMENT_WORDS) cut = at;
  }
  return start + cut;
}

function skipSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && /\s/u.test(text[i]!)) i++;
  return i;
}
