import { resolveMention } from './clauses.js';
import type { Mention } from './clauses.js';
import { NameIndex } from './names.js';

/** A role noun that stands for a person already named: "the official", "the senator". */
const ROLE =
  /^the\s+(?:(?:former|top|senior|chief|veteran|longtime|new|then|same)\s+)*(?:official|spokesman|spokeswoman|spokesperson|senator|governor|congressman|congresswoman|candidate|president|secretary|minister|mayor|lawmaker|adviser|advisor|aide|director|chairman|chairwoman|leader|nominee|billionaire|businessman|businesswoman|diplomat|general|ambassador|judge|lawyer|attorney|analyst|economist|strategist|pollster|professor|author|executive|founder|activist|prosecutor|commissioner|representative|delegate)$/iu;
/** "one" or "another" standing alone for a member of a group named before. */
const MEMBER = /^(?:one|another)$/iu;
/** A named source worth pointing back to: capitalised words, not a bare pronoun. */
const NAMED = /\p{Lu}\p{Ll}/u;
/** A group of sources ("British officials", "one British official", "aides"). */
const GROUP = /(?:^|\s)(?:\p{L}+\s+)*?(\p{L}+s|official|aide|source|person)$/u;

/**
 * Tells who a source is, in story order: names through the story's name index, "who" through
 * its antecedent, pronouns and role nouns ("the official") through the last named source
 * before them, and a lone "one" through the group named nearby ("one British official",
 * "officials").
 */
export class SpeakerResolver {
  private lastNamed: { name: string; at: number } | null = null;
  private lastGroup: { name: string; at: number } | null = null;

  constructor(
    private readonly text: string,
    private readonly names: NameIndex,
  ) {}

  /** The canonical speaker for `mention`, a source found in the sentence starting at `sentenceStart`. */
  resolve(mention: Mention, sentenceStart: number): string {
    const words = mention.text.trim();
    if (NameIndex.isPronoun(words) && /^(?:he|she)$/iu.test(words)) {
      const named = this.recent(this.lastNamed, mention.start);
      if (named) return named;
    }
    if (ROLE.test(words)) {
      const named = this.recent(this.lastNamed, mention.start);
      if (named) return named;
    }
    if (MEMBER.test(words)) {
      const group = this.recent(this.lastGroup, mention.start) ?? this.groupBefore(mention.start);
      if (group) return group;
    }
    const { name } = resolveMention(this.text, mention, this.names, sentenceStart);
    this.remember(words, name, mention.start);
    return name;
  }

  private remember(words: string, name: string, at: number): void {
    if (NameIndex.isPronoun(words) || /^who$/iu.test(words)) {
      if (NAMED.test(name)) this.lastNamed = { name, at };
      return;
    }
    if (NAMED.test(name.split(/\s+/u).at(-1) ?? '')) this.lastNamed = { name, at };
    else if (GROUP.test(name)) this.lastGroup = { name: singular(name), at };
  }

  /** A remembered source, if it was named within the last few paragraphs. */
  private recent(source: { name: string; at: number } | null, at: number): string | null {
    return source && at - source.at < 1500 ? source.name : null;
  }

  /** "one British official" or "officials" in the 400 characters before `at`. */
  private groupBefore(at: number): string | null {
    const window = this.text.slice(Math.max(0, at - 400), at);
    const found = [...window.matchAll(/\b(?:one|another|two|three|several|some|many)?\s*((?:\p{Lu}\p{Ll}+\s+)?(?:officials?|aides?|sources?|diplomats?|advisers?|lawmakers?|members?|experts?|analysts?|voters?|supporters?))\b/gu)];
    const last = found.at(-1);
    return last ? singular(this.names.canonical(last[1]!)) : null;
  }
}

function singular(group: string): string {
  return group.replace(/(\p{Ll}{2,})s$/u, '$1');
}
