/**
 * Questions about a whole story's text that the commitment rules ask for every mention:
 * which first names come before a surname, which title, whether a word comes back. Asking
 * the text itself (a regular expression or `indexOf` over all of it) each time makes the
 * rules quadratic in the story's length; this index reads the text once and answers exactly
 * as those searches would.
 */
import type { Span } from '../../story/story.js';

const ASCII_WORD = /^\w*/u;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const SPACE = /^\s$/u;
/** A title, as `\b(Mr|Mrs|Ms|Miss)\.?\s+` reads one. */
const TITLE = /\b(Mr|Mrs|Ms|Miss)\.?\s+/gu;
/** A capitalised word between a title and a surname: `\p{Lu}[\p{L}.'’-]*`, whole. */
const TITLED_WORD = /^\p{Lu}[\p{L}.'’-]*$/u;
/** The characters a capitalised word can be made of, from its capital on. */
const CAPITAL_RUN = /^\p{Lu}[\p{L}\p{M}.'’-]*$/u;
/** Longest word {@link TextIndex.recurs} looks up in the index; longer ones are searched. */
const RUN_CAP = 40;

/** One story's text, indexed on first use of each kind of question. */
export class TextIndex {
  /** Where each word after a space starts, by its leading ASCII word characters. */
  private words: Map<string, number[]> | null = null;
  private readonly firstNames = new Map<string, string[]>();
  /** Per word start a title reaches: where the first title to reach it is, and which title. */
  private titled: Map<number, { at: number; title: string }> | null = null;
  private readonly titles = new Map<string, string | null>();
  /** Every capital letter's run of word characters (capped), with its offset, by run. */
  private runs: { run: string; at: number }[] | null = null;
  private readonly recurring = new Map<string, boolean>();

  constructor(readonly text: string) {}

  /**
   * The capitalised words written just before `surname` ("Donald" and "Ivanka" before
   * "Trump"): the first groups of the matches of `/\b(\p{Lu}\p{Ll}+)\s+SURNAME\b/gu` over the
   * text, in order, with `surname` taken literally.
   */
  firstNamesBefore(surname: string): string[] {
    const known = this.firstNames.get(surname);
    if (known) return known;
    const found: string[] = [];
    let matchedTo = 0;
    for (const at of this.wordStarts(surname)) {
      if (!this.endsWord(at, surname)) continue;
      const first = this.firstNameBefore(at);
      // Matches of a global expression do not overlap.
      if (first === null || first.start < matchedTo) continue;
      found.push(this.text.slice(first.start, first.end));
      matchedTo = at + surname.length;
    }
    this.firstNames.set(surname, found);
    return found;
  }

  /**
   * The title of the first match of `/\b(Mr|Mrs|Ms|Miss)\.?\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,2}SURNAME\b/u`
   * in the text ("Mr" for "Mr. Paul Ryan" and "Ryan"), or `null` when there is none.
   */
  titleBefore(surname: string): string | null {
    if (this.titles.has(surname)) return this.titles.get(surname)!;
    if (surname === '') {
      // Only here can `\s+` give back a space; the expression itself is cheap enough once.
      const title = /\b(Mr|Mrs|Ms|Miss)\.?\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,2}\b/u.exec(this.text);
      this.titles.set(surname, title?.[1] ?? null);
      return title?.[1] ?? null;
    }
    const titled = this.titledWords();
    let first: { at: number; title: string } | null = null;
    for (const at of this.wordStarts(surname)) {
      const title = titled.get(at);
      if (title && (!first || title.at < first.at) && this.endsWord(at, surname)) first = title;
    }
    this.titles.set(surname, first?.title ?? null);
    return first?.title ?? null;
  }

  /** Whether `word` occurs twice in the text without overlapping itself, as a plain substring. */
  recurs(word: string): boolean {
    const known = this.recurring.get(word);
    if (known !== undefined) return known;
    let result: boolean;
    if (word.length <= RUN_CAP && CAPITAL_RUN.test(word)) {
      // It can only start at a capital, as a prefix of that capital's run: the runs starting
      // with it sit together in the sorted runs.
      const runs = this.capitalRuns();
      let i = lowerBound(runs, word);
      const starts: number[] = [];
      for (; i < runs.length && runs[i]!.run.startsWith(word); i++) starts.push(runs[i]!.at);
      let first = Infinity;
      for (const at of starts) first = Math.min(first, at);
      result = starts.some((at) => at >= first + word.length);
    } else {
      const first = this.text.indexOf(word);
      result = first >= 0 && this.text.indexOf(word, first + word.length) >= 0;
    }
    this.recurring.set(word, result);
    return result;
  }

  /**
   * Offsets where a word after a space starts with the same ASCII word characters as
   * `literal`: every place `\s+` then `literal` then `\b` can match is among them, since the
   * `\w` run stops at the same place in both (inside `literal`, or right after it at `\b`).
   */
  private wordStarts(literal: string): number[] {
    if (!this.words) {
      this.words = new Map();
      for (const token of this.text.matchAll(/\S+/gu)) {
        if (token.index === 0) continue;
        const key = ASCII_WORD.exec(token[0])![0];
        const at = this.words.get(key);
        if (at) at.push(token.index);
        else this.words.set(key, [token.index]);
      }
    }
    return this.words.get(ASCII_WORD.exec(literal)![0]) ?? [];
  }

  /** Whether `literal` is at `at` and `\b` holds after it. */
  private endsWord(at: number, literal: string): boolean {
    const end = at + literal.length;
    return this.text.startsWith(literal, at) && isAsciiWord(this.text, end - 1) !== isAsciiWord(this.text, end);
  }

  /** The span of "Donald" when `\b(\p{Lu}\p{Ll}+)\s+` ends at the word starting at `at`. */
  private firstNameBefore(at: number): Span | null {
    const { text } = this;
    let i = at;
    while (i > 0 && SPACE.test(text[i - 1]!)) i--;
    const spaceStart = i;
    if (spaceStart === at) return null;
    while (i > 0 && LOWER.test(codePointBefore(text, i))) i -= codePointBefore(text, i).length;
    if (i === spaceStart || i === 0) return null;
    const capital = codePointBefore(text, i);
    if (!UPPER.test(capital)) return null;
    const start = i - capital.length;
    if (isAsciiWord(text, start - 1) === isAsciiWord(text, start)) return null;
    return { start, end: spaceStart };
  }

  /**
   * For each word start that a title reaches (the word right after it, or after one or two
   * capitalised words), the first title to reach it. A capitalised word is whole or not at
   * all: `[\p{L}.'’-]*` cannot stop short of the space that must follow it.
   */
  private titledWords(): Map<number, { at: number; title: string }> {
    if (this.titled) return this.titled;
    const titled = new Map<number, { at: number; title: string }>();
    for (const title of this.text.matchAll(TITLE)) {
      let word = title.index + title[0].length;
      for (let hop = 0; hop <= 2 && word < this.text.length; hop++) {
        if (!titled.has(word)) titled.set(word, { at: title.index, title: title[1]! });
        const token = /\S+(\s+)/uy;
        token.lastIndex = word;
        const next = token.exec(this.text);
        if (!next || !TITLED_WORD.test(next[0].slice(0, next[0].length - next[1]!.length))) break;
        word = token.lastIndex;
      }
    }
    this.titled = titled;
    return titled;
  }

  private capitalRuns(): { run: string; at: number }[] {
    if (this.runs) return this.runs;
    const runs: { run: string; at: number }[] = [];
    const capital = new RegExp(`(?=(\\p{Lu}[\\p{L}\\p{M}.'’-]{0,${RUN_CAP - 1}}))`, 'gu');
    for (const match of this.text.matchAll(capital)) runs.push({ run: match[1]!, at: match.index });
    runs.sort((a, b) => (a.run < b.run ? -1 : a.run > b.run ? 1 : a.at - b.at));
    this.runs = runs;
    return runs;
  }
}

/** The first run not below `word` in code-unit order. */
function lowerBound(runs: { run: string }[], word: string): number {
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (runs[mid]!.run < word) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The character (a whole surrogate pair, if it is one) that ends just before `at`. */
function codePointBefore(text: string, at: number): string {
  const low = text.charCodeAt(at - 1);
  const high = text.charCodeAt(at - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(at - 2, at) : text.slice(at - 1, at);
}

/** Whether `text[at]` is one of the characters `\b` sees as word characters (ASCII only). */
function isAsciiWord(text: string, at: number): boolean {
  return at >= 0 && at < text.length && /\w/u.test(text[at]!);
}
