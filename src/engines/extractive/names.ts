/** Canonical names for the people and places a story mentions, learnt from the story itself. */

import { countUpTo } from '../../story/sorted-offsets.js';

const TITLES = new Set(
  (
    'Mr Mrs Ms Dr Prof Sir Dame Lord Lady President Vice Prime Minister Secretary Defence Defense ' +
    'Foreign Home Chancellor Senator Sen Rep Representative Governor Gov General Gen Admiral Chief ' +
    'Justice Judge King Queen Prince Princess Pope Ambassador Mayor Commissioner Director Deputy ' +
    'Spokesman Spokeswoman Spokesperson Leader Chairman Chairwoman Chair Head Minister Officer ' +
    'Councillor Councilor Councilman Councilwoman Alderman Sheriff Mayor Speaker Commander Inspector'
  ).split(' '),
);

const ABBREVIATED_TITLES = /^(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|Hon|Amb|Pres|Atty|St|Jr|Sr)\.$/u;

const PLACES: Array<[RegExp, string]> = [
  [/^(?:the )?(?:UK|U\.K\.|United Kingdom|Britain|Great Britain|British|London)$/iu, 'UK'],
  [/^(?:the )?(?:US|U\.S\.|U\.S\.A\.|USA|United States(?: of America)?|America|American|Americans|Washington)$/u, 'US'],
  [/^(?:France|French|Paris)$/u, 'France'],
  [/^(?:Germany|German|Berlin)$/u, 'Germany'],
  [/^(?:Russia|Russian|Moscow|the Kremlin|Kremlin)$/u, 'Russia'],
  [/^(?:Ukraine|Ukrainian|Kyiv|Kiev)$/u, 'Ukraine'],
  [/^(?:China|Chinese|Beijing)$/u, 'China'],
  [/^(?:the )?(?:EU|European Union)$/u, 'EU'],
];

/**
 * Capitalised words that open a sentence or a headline before a name ("As", "When", "But";
 * "Why Sanders lags on black vote" names Sanders, not someone called "Why Sanders").
 */
const OPENERS = new Set(
  ('As If When While After Before Since Because Although Though But And So Then The In On At For With From By Of To Yet Or Once Until Unless Asked Said Says Told Like Unlike Despite During Under Over ' +
    'Outside Inside Near Behind Beyond Beside Along Around Across Among Against Without Within Through Throughout Into Toward Towards ' +
    'Why What How Who Where Which Meanwhile Now Still Also Even However Here There This That These Those').split(' '),
);

/** Small words a title-case headline capitalises, which no person's name holds. */
const HEADLINE_FUNCTION_WORD = /^(?:To|And|Or|Of|In|On|At|For|With|From|By|Into|Over|As|Is|Are|Was|Were|Be|Has|Have|Had|Will|Would|Can|Could|May|Might|Says|Said|Tells|Told|Vs|Not|Than|That|This|Who|Why|What|How)$/u;

/** A party member named before a full name: "Democrat Bernie Sanders", "Republican Jeb Bush". */
const PARTY_MEMBER = /^(?:Democrat|Republican|Independent|Libertarian|Conservative|Tory|Socialist)$/u;

const NAME = /\b\p{Lu}[\p{Ll}'’-]+(?:\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{Ll}'’-]+){1,3}\b/gu;
const PRONOUN = /^(?:he|she|him|her|his|they|them|their|it|its)$/iu;

/** The canonical place or polity a single word names ("American" → "US"), or `null`. */
export function placeOf(word: string): string | null {
  for (const candidate of [word, `${word}.`]) {
    for (const [re, name] of PLACES) if (re.test(candidate)) return name;
  }
  return null;
}

/** Resolves mentions ("Radakin", "the UK", "British") to canonical names ("Tony Radakin", "UK"). */
export class NameIndex {
  private readonly fullNames = new Map<string, string>();
  /** Where surnames occur in the text last asked about, built on the first lookup. */
  private occurrences: SurnameOccurrences | null = null;

  constructor(text: string) {
    for (const match of text.matchAll(NAME)) {
      const words = match[0].split(/\s+/u).filter((w) => !TITLES.has(w.replace(/\.$/u, '')));
      // "As Michael Dell said": a capitalised sentence opener is not part of the name, nor is a
      // party before a full name ("Democrat Bernie Sanders").
      while (words.length > 0 && OPENERS.has(words[0]!)) words.shift();
      // A headline in title case ("CNN Just Responded To Trump’s Demand") runs words into one
      // capitalised stretch; a name never holds "To" or "And", so it starts after the last one.
      const split = words.findLastIndex((w) => HEADLINE_FUNCTION_WORD.test(w));
      if (split >= 0) words.splice(0, split + 1);
      while (words.length > 2 && PARTY_MEMBER.test(words[0]!)) words.shift();
      // "Donald Trump's rally": the possessive is not part of the surname.
      if (words.length > 0) words[words.length - 1] = words[words.length - 1]!.replace(/['’]s$/u, '');
      if (words.length < 2 || words.some((w) => PLACES.some(([re]) => re.test(w)))) continue;
      const full = words.join(' ');
      const last = words[words.length - 1]!;
      if (!this.fullNames.has(last)) this.fullNames.set(last, full);
    }
  }

  /** The canonical name for a mention, or the mention itself without determiners. */
  canonical(mention: string): string {
    const bare = mention
      .trim()
      .replace(/['’]s$/u, '')
      .replace(/^(?:the|a|an|one|another)\s+/iu, '');
    const place = placeOf(bare);
    if (place) return place;
    const words = bare.split(/\s+/u).filter((w) => !TITLES.has(w.replace(/\.$/u, '')));
    const last = words[words.length - 1];
    if (last && /^\p{Lu}/u.test(last) && this.fullNames.has(last)) return this.fullNames.get(last)!;
    return bare;
  }

  /** Whether `word` is a title or abbreviation that goes before a name ("Sen.", "Gov."). */
  static isTitle(word: string): boolean {
    return TITLES.has(word) || ABBREVIATED_TITLES.test(word);
  }

  /** Whether `mention` is a pronoun that needs an antecedent. */
  static isPronoun(mention: string): boolean {
    return PRONOUN.test(mention.trim());
  }

  /**
   * The last person named in `text` before offset `at`, as a canonical name: the person whose
   * surname occurs last starting at or before `at` (anywhere, even inside a longer word), the
   * one learnt first when two surnames start at the same place.
   */
  lastPersonBefore(text: string, at: number): string | null {
    if (this.occurrences?.text !== text) this.occurrences = this.findOccurrences(text);
    const { starts, names } = this.occurrences;
    // Looking each surname up backwards from `at` would cost the number of names times the
    // distance scanned, for every pronoun: quadratic in the story's length.
    const count = countUpTo(starts, Math.max(at, 0), true);
    return count > 0 ? names[count - 1]! : null;
  }

  /** Every offset where some surname starts, with the full name of the first-learnt one there. */
  private findOccurrences(text: string): SurnameOccurrences {
    const rank = new Map<string, number>();
    const fullByRank: string[] = [];
    const lengths = new Set<number>();
    for (const [surname, full] of this.fullNames) {
      rank.set(surname, rank.size);
      fullByRank.push(full);
      lengths.add(surname.length);
    }
    const starts: number[] = [];
    const names: string[] = [];
    if (lengths.size === 0) return { text, starts, names };
    // A surname is capitalised and made of letters, apostrophes, hyphens and (as an initial)
    // dots, so each occurrence is a prefix of the run of such characters from a capital: the
    // candidates at a capital are that run's prefixes as long as some surname. The lookahead
    // lets every capital start a run, also one inside another's ("McLee").
    const longest = Math.max(...lengths);
    const surnameRun = new RegExp(`(?=(\\p{Lu}[\\p{L}\\p{M}'’.-]{0,${longest - 1}}))`, 'gu');
    for (const capital of text.matchAll(surnameRun)) {
      const run = capital[1]!;
      let best = -1;
      for (const length of lengths) {
        if (length > run.length) continue;
        const found = rank.get(run.slice(0, length));
        if (found !== undefined && (best < 0 || found < best)) best = found;
      }
      if (best < 0) continue;
      starts.push(capital.index);
      names.push(fullByRank[best]!);
    }
    return { text, starts, names };
  }
}

/** What {@link NameIndex.lastPersonBefore} searches: surname occurrences in text order. */
interface SurnameOccurrences {
  text: string;
  /** Offsets where a surname starts, ascending. */
  starts: number[];
  /** `names[i]`: the full name for the surname at `starts[i]`. */
  names: string[];
}
