/** Who is committed: the subject of a commitment verb, and the person a pronoun stands for. */
import { splitSentences } from '../../story/sentences.js';
import type { Span, Story } from '../../story/story.js';
import { actorProblem, NAMED_BEFORE } from '../../citations/claims.js';
import type { CommitmentDraft } from '../engine.js';
import type { Mention } from './clauses.js';
import { actsAfter, clauseSubject, FIRST_PERSON, nounPhraseBefore, RELATIVE, subjectEnd } from './commitment-phrases.js';
import { CUE_VERBS } from './cues.js';
import { NameIndex, placeOf } from './names.js';
import { TextIndex } from './text-index.js';

/** Who is committed: where the story names them here, and their canonical name. */
export interface Actor {
  /** The words that name the actor at this commitment ("he", "who", "the UK"). */
  mention: Mention;
  /** Canonical name ("Tony Radakin", "UK"); the mention itself when nothing better is known. */
  name: string;
}

const PERSONAL = /^(?:he|she|him|her|his|hers)$/iu;

/** Heads of noun phrases that name people or bodies able to commit to something. */
const AGENT_HEAD =
  /^(?:officials?|leaders?|ministers?|governments?|administrations?|campaigns?|part(?:y|ies)|councils?|committees?|courts?|judges?|justices?|police|troops|forces|military|compan(?:y|ies)|firms?|boards?|unions?|lawmakers|legislators?|legislatures?|senators?|congress(?:man|woman|men|women)?|representatives?|republicans?|democrats?|countries|nations?|states?|members?|agenc(?:y|ies)|departments?|ministr(?:y|ies)|authorit(?:y|ies)|commissions?|coalitions?|allies|partners|presidents?|premiers?|secretar(?:y|ies)|spokes(?:man|woman|men|women|person|people)|chiefs?|directors?|chairs?|chair(?:man|woman)|governors?|mayors?|candidates?|nominees?|teams?|groups?|banks?|operators?|associations?|organi[sz]ations?|regulators?|prosecutors?|parliaments?|universit(?:y|ies)|cit(?:y|ies)|towns?|count(?:y|ies)|municipalit(?:y|ies)|districts?|regions?|provinces?|villages?|schools?|hospitals?|employers?|workers|protesters|demonstrators|activists|owners|aides?|advisers?|advisors?|executives?|officers?|diplomats?|negotiators?|envoys?|generals?|commanders?|staff|cabinet|Pentagon|Kremlin|senate|house|assembly|panel|delegates?|donors?|investors?|manufacturers?|retailers?|producers?|insurers?|airlines?|landlords?|tenants?|residents|voters|citizens|doctors|nurses|teachers|unions|trustees|shareholders|sponsors?|hosts?|organizers?|organisers?)$/iu;

/** Whether a mention names someone who can commit: a name, a body, or a pronoun for one. */
export function isAgent(mention: string): boolean {
  const words = mention.trim().split(/\s+/u);
  if (words.length === 1 && /^(?:he|she|they|we|i|who)$/iu.test(words[0]!)) return true;
  if (words.length === 1 && /^(?:it|this|that|which|there|what|these|those|you|others?|all|both)$/iu.test(words[0]!)) return false;
  // The head comes before any preposition: "leaders of the Coalition", not "guarantees for Ukraine".
  const head = mention.trim().split(/\s+(?:of|for|in|on|at|from|with|about|against|over|among|across)\s+/u)[0]!.split(/\s+/u);
  const last = head[head.length - 1]!.replace(/['’]s?$/u, '');
  if (AGENT_HEAD.test(last) || placeOf(last)) return true;
  if (!/^\p{Lu}/u.test(last)) return false;
  return !/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December|Act|Bill|Plan|Program|Amendment|Agreement|Day)$/u.test(last);
}

/**
 * The canonical actor for `mention`. Personal pronouns go to `speaker` when the sentence names
 * one ("Trump said he will …"), else to the last person named; "who" and "which" to the noun
 * phrase before them; "I" and "we" to whoever speaks the quotation.
 */
export function resolveActor(
  text: string,
  mention: Mention,
  names: NameIndex,
  sentence: Span,
  speaker: Actor | null,
): Actor {
  const word = mention.text.toLowerCase();
  if (RELATIVE.test(word)) {
    // "Mike Pompeo (R-Kans.), who", "The Supreme Court justice -- who": the aside and the
    // punctuation before "who" are not the antecedent.
    const comma = text.slice(sentence.start, mention.start).search(RELATIVE_LEAD);
    const antecedent = nounPhraseBefore(text, sentence.start, sentence.start + comma);
    if (antecedent && !RELATIVE.test(antecedent.text)) {
      // "Trump is a serial liar … and bully who has pledged": the subject, not the epithet.
      // Not across a dash: "… is to ask the superdelegates - party leaders - who".
      if (!/\p{Lu}/u.test(antecedent.text) && /\b(?:is|was|are|were|remains|became)\s+(?:(?![-–—]+\s)\S+\s+){0,12}$/u.test(text.slice(sentence.start, antecedent.start))) {
        const subject = clauseSubject(text, sentence.start, antecedent.start, 'main');
        if (subject && /^\p{Lu}/u.test(subject.text)) return { mention, name: canonicalName(text, subject.text, names) };
      }
      // "Ruth Bader Ginsburg regrets … The Supreme Court justice -- who": the person it describes.
      const described = antecedent.start === firstWordAt(text, sentence) && ROLE_DESCRIPTION.test(antecedent.text) ? personOpening(text, sentence, names, null) : null;
      if (described) return { mention, name: described };
      // "a test of honesty for the presumptive GOP nominee - who": a person after the last
      // preposition is who, not the thing before it.
      const role = /\s(?:of|for|in|on|at|from|with|about|against|over|among|across)\s+([Tt]he\s+\S.*)$/u.exec(antecedent.text)?.[1];
      if (word === 'who' && role && ROLE_DESCRIPTION.test(role)) return { mention, name: canonicalName(text, role, names) };
      const name = /(?:\p{Lu}[\p{L}'’.-]*\s+)*\p{Lu}[\p{L}'’-]+$/u.exec(antecedent.text);
      return { mention, name: canonicalName(text, name ? name[0] : antecedent.text, names) };
    }
  }
  if (PERSONAL.test(word)) {
    if (speaker && speaker.mention.start < mention.start && isPerson(speaker, names)) return { mention, name: speaker.name };
    const gender = /^(?:he|him|his)$/u.test(word) ? 'm' : /^(?:she|her|hers)$/u.test(word) ? 'f' : null;
    // "Jay Carney, a former press secretary for Mr. Obama, is now at Amazon. He declined to
    // comment.": a sentence that opens with "He" goes on about the last one's subject.
    const subject = opensSentence(text, mention, sentence) ? personOpening(text, sentence, names, gender) : null;
    if (subject) return { mention, name: subject };
    const person = personBefore(text, mention.start, names, gender);
    if (person) return { mention, name: person };
  }
  if (FIRST_PERSON.test(word) && speaker) return { mention, name: speaker.name };
  if (/^(?:it|its)$/u.test(word)) {
    const body = bodyBefore(text, mention, sentence, names);
    if (body) return { mention, name: resolveActor(text, body, names, sentence, null).name };
  }
  if (/^(?:they|their|them)$/u.test(word)) {
    const both = namedPairBefore(text, sentence.start, mention.start);
    if (both) return { mention, name: both };
    const sayers = pluralSpeakerBefore(text, sentence, mention) ?? (opensSentence(text, mention, sentence) ? pluralOpening(text, sentence) : afterComma(text, sentence, mention) ? pluralOpening(text, sentence, true) : null);
    if (sayers) return { mention, name: resolveActor(text, sayers, names, sentence, null).name };
    const group = lastGroupBefore(text, Math.max(0, sentence.start - 300), mention.start);
    if (group) return { mention, name: canonicalName(text, group, names) };
  }
  return { mention, name: specificName(text, mention, sentence) ?? canonicalName(text, mention.text, names) };
}

/** What may stand between a relative pronoun and its antecedent: a comma, a dash, a bracketed aside. */
const RELATIVE_LEAD = /(?:\s*\([^()]{1,40}\))?\s*(?:,|--?|—|–)?\s*$/u;

/** A definite description of one person by role: "The Supreme Court justice", "the senator". */
const ROLE_DESCRIPTION =
  /^[Tt]he\s+(?:[\p{L}.'’-]+\s+){0,3}(?:justice|judge|senator|governor|candidate|nominee|president|congressman|congresswoman|mayor|secretary|minister|billionaire|businessman|businesswoman|mogul|tycoon|lawmaker|chairman|chairwoman|front-runner|frontrunner|contender|hopeful|speaker|leader|official|spokesman|spokeswoman|actor|actress|singer|star|anchor|host|pollster|strategist|adviser|advisor|economist|activist|author|writer|veteran|candidate)$/u;

/** Where the sentence's first word starts, past opening quotes and spaces. */
function firstWordAt(text: string, sentence: Span): number {
  return sentence.start + /^[\s"“'‘]*/u.exec(text.slice(sentence.start, sentence.end))![0].length;
}

/** Whether `mention` is the sentence's first word. */
function opensSentence(text: string, mention: Mention, sentence: Span): boolean {
  return mention.start === firstWordAt(text, sentence);
}

/**
 * The person the sentence before `sentence` opens with, as its subject ("Jay Carney, a former
 * press secretary, is now …"; "Mr. Obama, whose ratings have risen, was …"), of `gender` when
 * the story says; `null` when that sentence opens with anything else.
 */
function personOpening(text: string, sentence: Span, names: NameIndex, gender: 'm' | 'f' | null): string | null {
  const from = previousSentenceStart(text, sentence.start);
  if (from === null) return null;
  const opening = PERSON_OPENING.exec(text.slice(from, sentence.start));
  if (!opening) return null;
  const match = opening[1]!;
  // The subject is followed by its verb or an aside, not by more of a longer noun phrase.
  if (!actsAfter(text.slice(from + opening[0].length, from + opening[0].length + 30))) return null;
  const titled = /^(Mr|Mrs|Ms)\b/u.exec(match);
  if (titled && gender && (titled[1] === 'Mr' ? 'm' : 'f') !== gender) return null;
  const name = canonicalName(text, match, names).replace(/^(?:Mr|Mrs|Ms)\.?\s+(?=\S)/u, '');
  if (!titled && !looksLikePerson(names.canonical(match)) && !looksLikePerson(name)) return null;
  const known = genderOf(text, name.split(/\s+/u).pop()!, names);
  return known && gender && known !== gender ? null : name;
}

/** Common nouns a story uses again for a body it has named: "the council", "the company". */
const GENERIC_HEAD =
  /^(?:council|company|firm|operator|carrier|airline|contractor|district|board|authority|union|agency|department|ministry|committee|commission|bank|association|university|school|hospital|trust|government|campaign|group|court|administration|organi[sz]ation|foundation)$/u;
/** Nouns for one business: "the company" may be the story's "ferry operator, Bayline". */
const BUSINESS = 'company|firm|operator|carrier|airline|contractor|business|group';
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’&.-]*`;
/** Last words of a business's name, which otherwise reads like a person's ("Tane Valley Buses"). */
const COMPANY_WORD =
  /\s(?:Buses|Trains|Rail|Railways|Airways|Airlines|Lines|Motors|Systems|Services|Industries|Engineering|Group|Inc\.?|Ltd\.?|plc|Corp\.?|Co\.?|Holdings|Bank|Energy|Water|Media|Foods|Logistics|Construction|Transport)$/u;

/**
 * The most specific name the story gives earlier for a common-noun actor: "the company" is the
 * "ferry operator, Bayline"; "the council" is "Northvale County Council"; "the authority" is
 * "the regional transport authority". `null` when the mention is a name already or the story
 * names nothing it could stand for. Only the story's own text is searched.
 */
function specificName(text: string, mention: Mention, sentence: Span): string | null {
  const words = mention.text.trim().split(/\s+/u);
  const head = words[words.length - 1]!.toLowerCase();
  if (words.length > 3 || !GENERIC_HEAD.test(head) || words.some((w) => /^\p{Lu}/u.test(w) && !/^(?:The|Its|Their|This)$/u.test(w))) return null;
  // "a seven-member court" is one the story has not named yet.
  if (/^(?:a|an|another)$/iu.test(words[0]!)) return null;
  // "the appeals court" is not the "Supreme Court": the mention's own modifiers must be in the name.
  const modifiers = words.slice(0, -1).filter((w) => !/^(?:the|its|their|this|his|her|our)$/iu.test(w)).map((w) => w.toLowerCase());
  const keeps = (name: string): boolean => modifiers.every((m) => name.toLowerCase().split(/\s+/u).includes(m));
  const business = new RegExp(`^(?:${BUSINESS})$`, 'u').test(head);
  const heads = business ? BUSINESS : head;
  // As far back as the gate accepts the name (`NAMED_BEFORE`).
  const from = Math.max(0, sentence.start - NAMED_BEFORE);
  // The sentence's own words before the mention count too: "a spokesperson for the Parks and
  // Recreation Department said the department would …".
  const before = text.slice(from, Math.max(sentence.start, mention.start));
  const last = (pattern: RegExp): RegExpExecArray | null => {
    let found: RegExpExecArray | null = null;
    for (const m of before.matchAll(pattern)) found = m as RegExpExecArray;
    return found;
  };
  // "The ferry operator, Bayline,", "The teachers' union, the Ashford Education Association,".
  const apposition = last(new RegExp(String.raw`\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:${heads}),\s+(?:the\s+)?((?:${NAME_WORD}\s+){0,4}${NAME_WORD}),`, 'gu'));
  // "Northvale County Council", "The Kestrel Bay harbour council", "Ashford Unified School District".
  const proper = last(new RegExp(String.raw`((?:${NAME_WORD}\s+and\s+)?(?:${NAME_WORD}\s+){1,5}(?:(?!(?:said|says|told|the|a|an|and|or|of|to|that|which|who|is|was|are|were|will|would|has|had)\s)\p{Ll}+\s+){0,2}(?:${head}|${head[0]!.toUpperCase()}${head.slice(1)}))\b(?![\p{L}'’])`, 'gu'));
  const named = [apposition && { at: apposition.index, name: apposition[1]! }, proper && { at: proper.index, name: proper[1]!.replace(/^(?:The|A|An|Its|Their)\s+/u, '') }]
    .filter((c): c is { at: number; name: string } => Boolean(c) && /\p{Lu}/u.test(c!.name) && keeps(c!.name))
    .sort((a, b) => b.at - a.at)[0];
  if (named) return named.name;
  if (business) {
    // "Tane Valley Buses will run a shuttle. Its operations manager … said the company would …".
    const acting = [...before.matchAll(new RegExp(String.raw`((?:${NAME_WORD}\s+){1,3}${NAME_WORD})\s+(?:will|would|has|have|is|said|says|plans|agreed)\b`, 'gu'))];
    const actor = acting.reverse().find((m) => (COMPANY_WORD.test(m[1]!) || !looksLikePerson(m[1]!)) && !placeOf(m[1]!) && !/^(?:The|A|An|Its|Their)\b/u.test(m[1]!));
    if (actor && sentence.start - (from + actor.index) < 800) return actor[1]!;
  }
  // "the regional transport authority".
  const described = last(new RegExp(String.raw`\b(?:[Tt]he|[Aa]n?)\s+((?:\p{Ll}+\s+){1,3}${head})\b`, 'gu'));
  if (described && !/^(?:same|other|new|whole|entire|local)\s/u.test(described[1]!) && keeps(described[1]!)) return described[1]!;
  return null;
}

/** The last word of what a person belongs to, before their name: "House Intelligence Republican". */
const MEMBER_OF = /^(?:Republicans?|Democrats?|Democratic|Independent|Conservative|Labour|Tory|Senate|House|Committee|Intelligence|Judiciary|Caucus)$/u;

/** Everything up to a person's title or role: "Health Secretary ", "Council leader ", "Mr. ". */
const TITLED =
  /^.*?\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Secretary|Minister|Mayor|President|Senator|Governor|Chair|Chairman|Chairwoman|Director|Spokesman|Spokeswoman|Spokesperson|Leader|leader|Chief|chief|Judge|Justice|Commissioner|Ambassador|General|Representative|Speaker|secretary|minister|spokesman|spokeswoman|director|chairman|chairwoman|head)\.?\s+(?=(?:\p{Lu}[\p{L}.'’-]*\s+)*\p{Lu}[\p{L}'’-]+$)/u;

/**
 * The story's name for a mention, but never one that drops the mention's own words ("the
 * Human Rights Council" is not the "Security Council"), and only the surname when the story
 * names two people with it ("Trump" when it has Donald and Ivanka Trump).
 */
function canonicalName(text: string, mention: string, names: NameIndex): string {
  const canonical = names.canonical(mention);
  let bare = mention
    .trim()
    .replace(/['’]s?$/u, '')
    .replace(/^(?:the|a|an)\s+/iu, '')
    .replace(TITLED, '');
  const place = placeOf(bare);
  if (place) return place;
  // "the 8th District's C. Rick Martin": the person, not what they belong to.
  bare = bare.replace(/^(?:[\p{L}\p{N}.-]+\s+){0,3}\p{Lu}[\p{L}.-]*['’]s\s+(?=(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}[\p{L}'’-]+$)/u, '');
  // "Lena Ortiz and Tom Hale" are both of them, not the one whose surname ends the phrase.
  if (/\s(?:and|&)\s+\p{Lu}/u.test(bare)) return bare;
  const words = bare.split(/\s+/u);
  // A full name as written is the best name there is: "Health Secretary Ana Moreno" → "Ana Moreno".
  if (words.length >= 2 && words.every((w) => /^\p{Lu}/u.test(w)) && looksLikePerson(bare)) return bare;
  // "House Intelligence Republican Mike Pompeo": the person after what they belong to.
  const after = words.slice(words.findLastIndex((w) => MEMBER_OF.test(w)) + 1);
  if (after.length >= 2 && after.length < words.length && words.every((w) => /^\p{Lu}/u.test(w)) && looksLikePerson(after.join(' '))) return after.join(' ');
  const canonicalWords = canonical.split(/\s+/u);
  // The story's name may drop a title ("Mayor Lena Ortiz" → "Lena Ortiz") but never add a word.
  if (!words.every((w) => canonicalWords.includes(w)) && !canonicalWords.every((w) => words.includes(w))) return bare;
  if (words.length === 1 && /^\p{Lu}/u.test(bare) && canonical !== bare) {
    const firsts = new Set(textIndexFor(text, names).firstNamesBefore(bare).filter((w) => !NOT_PERSON_WORD.test(w)));
    if (firsts.size > 1) return bare;
  }
  // The story's name index keeps a sentence's first word with a name: "Meanwhile Trump".
  return canonical.replace(/^(?:(?:Meanwhile|Now|Hold|Then|Still|Also|Even|When|If|But|And|As|After|Before|While|Why|What|How|Where|Who|So|Yet|However)\s+)+(?=\S)/u, '');
}

const textIndexes = new WeakMap<NameIndex, TextIndex>();

/** The text index of the story `names` was built for: one per story, like the name index. */
function textIndexFor(text: string, names: NameIndex): TextIndex {
  let index = textIndexes.get(names);
  if (index?.text !== text) {
    index = new TextIndex(text);
    textIndexes.set(names, index);
  }
  return index;
}

/**
 * Whether an actor is a person: by the story's name for its mention, or by the name it was
 * resolved to ("Senator Bernie Sanders" is "Bernie Sanders" even where the index learnt a
 * headline's "Why Sanders").
 */
function isPerson(actor: Actor, names: NameIndex): boolean {
  if (PERSONAL.test(actor.mention.text)) return true;
  return looksLikePerson(names.canonical(actor.mention.text)) || looksLikePerson(actor.name);
}

/** A capitalised name word, with a capital inside it too: "Trump", "McDonough", "O’Malley", "DeSantis". */
const PERSON_WORD = String.raw`\p{Lu}(?:[\p{Ll}'’-]*\p{Lu})?[\p{Ll}'’-]+`;
const PERSON_NAME = new RegExp(String.raw`\b(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+)?${PERSON_WORD}(?:\s+(?:\p{Lu}\.\s+)?${PERSON_WORD}){0,3}(?![\p{L}'’-])`, 'gu');
/** A person's name opening a sentence, past opening quotes: "Jay Carney", "Mr. Obama". */
const PERSON_OPENING = new RegExp(String.raw`^["“‘']?(${PERSON_NAME.source})`, 'u');
const NOT_PERSON_WORD =
  /^(?:The|Other|Some|Many|Most|Several|Central|European|Asian|African|Latin|Middle|Western|Eastern|Northern|Southern|Meanwhile|Now|Hold|Then|Still|Also|Even|Why|What|How|Who|Where|For|Our|Of|And|In|On|To|At|By|With|From|A|An|This|That|His|Her|Their|Its|My|We|It|If|But|As|When|After|Before|Former|New|Old|North|South|East|West|House|Senate|Congress|Party|Republicans?|Democrats?|Democratic|Committee|Department|Court|University|News|Times|Post|Journal|Street|White|State|States|National|Association|Council|Union|Campaign|Foundation|Institute|Center|Centre|Bank|Company|Inc|Corp|Group|Agency|Service|Office|Ministry|Administration|Government|Commission|Fund|Club|League|Act|Plan|Islamic|Black|Lives|Matter|Partnership|Treaty|Pact|Accord|Deal|Convention|Conference|Summit|War|Amendment|America|American|Americans|God|Supreme|Federal|Security|General|Nations|United|Affairs|Staff|Press|Fox|Twitter|Facebook|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/u;

/** Whether a canonical name looks like a person's: "Tony Radakin", not "House Republicans". */
function looksLikePerson(name: string): boolean {
  const words = name.split(/\s+/u);
  if (words.length < 2 || words.length > 4 || placeOf(name)) return false;
  return words.every((w) => /^\p{Lu}/u.test(w) && !NOT_PERSON_WORD.test(w) && !placeOf(w));
}

/** "m" or "f" when the story gives the person a title that says ("Mr. Ryan", "Mrs. Clinton"). */
function genderOf(text: string, surname: string, names: NameIndex): 'm' | 'f' | null {
  const title = textIndexFor(text, names).titleBefore(surname);
  if (!title) return null;
  return title === 'Mr' ? 'm' : 'f';
}

/** The last person named before `at` (within a few sentences), as a canonical name. */
function personBefore(text: string, at: number, names: NameIndex, pronoun: 'm' | 'f' | null): string | null {
  const from = Math.max(0, at - 1200);
  const found = [...text.slice(from, at).matchAll(PERSON_NAME)];
  for (let i = found.length - 1; i >= 0; i--) {
    const match = found[i]![0];
    // "Mr. McDonough", whom the story never names in full, is "McDonough".
    const name = canonicalName(text, match, names).replace(/^(?:Mr|Mrs|Ms)\.?\s+(?=\S)/u, '');
    const surname = name.split(/\s+/u).pop()!;
    const titled = /^(Mr|Mrs|Ms)\b/u.exec(match);
    if (titled && pronoun && (titled[1] === 'Mr' ? 'm' : 'f') !== pronoun) continue;
    if (titled && name === surname) return name;
    if (!looksLikePerson(names.canonical(match.replace(/^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+/u, '')))) continue;
    // A person's surname comes back in the story, or the name is the subject of a verb; a
    // treaty's name ("the Trans-Pacific Partnership trade deal") is usually neither.
    // "Rep. Elijah Cummings (D-Md.), chair of …": what follows the party and state counts.
    const next = text.slice(from + found[i]!.index! + match.length, from + found[i]!.index! + match.length + 60).replace(/^\s*\([^()]{1,30}\)/u, '');
    if (!textIndexFor(text, names).recurs(surname) && !actsAfter(next)) continue;
    const gender = genderOf(text, surname, names);
    if (!gender || !pronoun || gender === pronoun) return name;
  }
  return null;
}

/** Heads of a common noun that names one body: "the company", "the campaign", "the committee". */
const BODY_HEAD =
  'company|firm|campaign|committee|government|administration|council|party|court|agency|department|ministry|board|union|city|state|country|nation|organi[sz]ation|group|bank|university|commission|league|foundation|team|network|operator|carrier|airline|manufacturer|retailer|school|hospital|club|movement|coalition|alliance|body|panel|regime|newspaper|paper|magazine|channel|station';
/** A name or a definite common noun for a body, as a candidate for "it": "Carrier's", "the Clinton campaign", "the company". */
const BODY = new RegExp(
  String.raw`(?:\b[Tt]he\s+)?(?:${NAME_WORD}\s+){0,4}${NAME_WORD}(?:\s+of\s+(?:the\s+)?(?:${NAME_WORD}\s+){0,2}${NAME_WORD})?(?:\s+(?:${BODY_HEAD}))?(?![\p{L}\p{N}])|\b[Tt]he\s+(?:[\p{Ll}-]+\s+){0,2}(?:${BODY_HEAD})(?![\p{L}\p{N}])`,
  'gu',
);
/** Capitalised words that open a clause, not a name: "Instead", "But", "So". */
const CLAUSE_OPENER = /^(?:Instead|But|And|So|Yet|Still|Also|Then|Now|However|Meanwhile|Moreover|Indeed|Even|If|When|While|As|After|Before|Because|Although|Though|Since|Until|Unless|In|On|At|For|With|From|By|Of|To|It|This|That|These|Those|There|Here|What|Why|How|Who|I|We|He|She|They|You|A|An)$/u;
/** How far back, in characters, the sentence before is looked at for what "It" stands for. */
const PREVIOUS_SENTENCE = 400;

/**
 * What "it" or "its" stands for: the last name or definite common noun for one body in the
 * sentence before the pronoun ("Cleveland has raised $57 million of the $64 million it
 * pledged" → Cleveland; "until it agrees" after "Carrier's calls" → Carrier), never a person
 * or a plural. A sentence that opens with "It" takes the subject of the sentence before ("The
 * Department of Education has misled the public. It has refused …"). `null` when none fits.
 */
function bodyBefore(text: string, mention: Mention, sentence: Span, names: NameIndex): Mention | null {
  const lead = text.slice(sentence.start, mention.start);
  if (/^[\s"“'‘]*$/u.test(lead)) {
    const from = previousSentenceStart(text, sentence.start);
    if (from === null) return null;
    const first = [...text.slice(from, sentence.start).matchAll(BODY)][0];
    // Only the opening noun phrase is the subject: "The Department of Education has misled …".
    if (!first || first.index !== 0) return null;
    return bodyMention(from + first.index, first[0], names);
  }
  const found = [...lead.matchAll(BODY)];
  for (let i = found.length - 1; i >= 0; i--) {
    const body = bodyMention(sentence.start + found[i]!.index, found[i]![0], names);
    if (body) return body;
  }
  return null;
}

/** A candidate for "it" as a mention, or `null` when it is a person, a plural or no name. */
function bodyMention(start: number, raw: string, names: NameIndex): Mention | null {
  // "Instead, Carrier …" or "But the company …": the opening word is not part of the name.
  let offset = 0;
  for (let word = /^(\S+)\s+/u.exec(raw); word && CLAUSE_OPENER.test(word[1]!); word = /^(\S+)\s+/u.exec(raw.slice(offset))) offset += word[0].length;
  const words = raw.slice(offset).replace(/['’]s?$/u, '').split(/\s+/u).filter(Boolean);
  const at = start + offset;
  if (words.length === 0 || words.every((w) => CLAUSE_OPENER.test(w))) return null;
  const phrase = words.join(' ');
  const last = words[words.length - 1]!;
  if (/^(?:the|The)$/u.test(phrase) || NOT_PERSON_WORD.test(phrase)) return null;
  if (/^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?$/u.test(words[0]!) || looksLikePerson(names.canonical(phrase)) || looksLikePerson(phrase)) return null;
  // "Republicans", "the Saudis": a plural is "they", not "it"; "the United States" is one.
  if (/[^su'’]s$/u.test(last) && !placeOf(phrase) && !COMPANY_WORD.test(` ${last}`)) return null;
  return { text: phrase, start: at, end: at + phrase.length };
}

/**
 * Where the sentence before the one at `start` begins, or `null` at the story's start or when
 * it began more than {@link PREVIOUS_SENTENCE} characters back. The story's own sentence
 * splitter reads the stretch before, so "Mr." and "U.S." end no sentence here either.
 */
function previousSentenceStart(text: string, start: number): number | null {
  const from = Math.max(0, start - PREVIOUS_SENTENCE);
  const sentences = splitSentences(text, { start: from, end: start });
  if (sentences.length === 0) return null;
  // The first piece of a stretch that does not reach the story's start may be a sentence's tail.
  if (sentences.length === 1) return from === 0 ? sentences[0]!.start : null;
  return sentences[sentences.length - 1]!.start;
}

/** Two named people or bodies joined by "and": "Obama and Hollande", "Ohio Gov. John Kasich and the Bush family". */
const NAMED_PAIR = new RegExp(
  String.raw`((?:${NAME_WORD}\s+){0,3}${NAME_WORD})\s+and\s+((?:the\s+)?(?:${NAME_WORD}\s+){0,3}${NAME_WORD}(?:\s+family)?)(?![\p{L}\p{N}]|\s+\p{Lu})`,
  'gu',
);

/**
 * What "they" or "their" stands for when the clause before it names two by "and": "Obama and
 * Hollande reaffirmed their shared commitment" → "Obama and Hollande"; "chastising John Kasich
 * and the Bush family over their refusal" → "John Kasich and the Bush family". Only the
 * sentence's own words before the pronoun, with titles dropped.
 */
function namedPairBefore(text: string, from: number, to: number): string | null {
  const found = [...text.slice(from, to).matchAll(NAMED_PAIR)];
  const pair = found[found.length - 1];
  if (!pair) return null;
  // Nothing but a verb phrase may come between the pair and the pronoun: no new clause.
  const between = text.slice(from + pair.index + pair[0].length, to);
  if (/[,;:]|\b(?:that|who|which|when|while|because|said|says|say)\b/u.test(between)) return null;
  const untitled = (name: string) => name.replace(/^.*\b(?:Gov|Sen|Rep|Mr|Mrs|Ms|Dr|Gen|President|Senator|Governor|Secretary|Prime Minister|Chancellor)\.?\s+/u, '');
  const first = untitled(pair[1]!);
  // The second keeps its title: the pair's words must read as written in the story.
  const second = pair[2]!;
  const words = first.split(/\s+/u);
  if (words.some((w) => CLAUSE_OPENER.test(w)) || /^(?:The|A|An)\b/u.test(second.replace(/^the\s+/u, ''))) return null;
  return `${first} and ${second}`;
}

/** A speech verb, and what may come between it and a reported "they": "said this week that". */
const SAID_THEY =
  /\b(?:said|say|says|told\s+(?:reporters|\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)|warned|insisted|argued|predicted|agreed|added|claimed|announced|vowed|pledged|promised)\s+(?:(?:this|last)\s+week\s+|on\s+\p{Lu}\p{Ll}+\s+|recently\s+)?(?:that\s+)?$/u;
/** The last word of a plural noun phrase, or of a share of one: "voters", "Saudis", "personnel", "percent". */
const PLURAL_LAST = /(?:[^su'’\s]s|people|personnel|staff|percent|%)$/u;

/**
 * Who "they" stands for when it opens what a plural subject says: "25 percent of likely
 * Republican voters say they would …", "The Saudis have warned they could …", "Aides said …,
 * and they rejected" is not this (a new clause). `null` when the subject is one person.
 */
function pluralSpeakerBefore(text: string, sentence: Span, mention: Mention): Mention | null {
  const lead = text.slice(sentence.start, mention.start);
  const said = SAID_THEY.exec(lead);
  if (!said) return null;
  const verbAt = sentence.start + said.index;
  const clause = Math.max(sentence.start, ...[...text.slice(sentence.start, verbAt).matchAll(/[;:]|,\s+(?:and|but)\s/gu)].map((m) => sentence.start + m.index + m[0].length));
  let subject = nounPhraseBefore(text, clause, subjectEnd(text, clause, verbAt));
  if (!subject || NameIndex.isPronoun(subject.text) || FIRST_PERSON.test(subject.text) || /^\p{Ll}+ly\s/u.test(subject.text)) return null;
  // "Edwards and others said they …": the name belongs with "others".
  const named = /^others$/iu.test(subject.text) ? new RegExp(String.raw`(?:${NAME_WORD}\s+){0,2}${NAME_WORD}\s+and\s+$`, 'u').exec(text.slice(clause, subject.start)) : null;
  if (named) subject = { text: text.slice(clause + named.index, subject.end), start: clause + named.index, end: subject.end };
  if (!/\s(?:and|&)\s/u.test(subject.text) && !PLURAL_LAST.test(subject.text)) return null;
  return subject;
}

/** Whether a clause of the sentence opens with `mention` after a comma: "…, and they rejected". */
function afterComma(text: string, sentence: Span, mention: Mention): boolean {
  return /,\s*(?:and\s+|but\s+|so\s+)?$/u.test(text.slice(sentence.start, mention.start));
}

/** A plural noun phrase and its verb opening a sentence: "Sanders supporters are crying …". */
const PLURAL_OPENING = new RegExp(
  String.raw`^["“‘']?((?:(?:[Tt]he|These|Those|Many|Some)\s+)?(?:${NAME_WORD}\s+){0,3}(?:\p{Ll}[\p{Ll}-]*\s+){0,2}\p{Ll}[\p{Ll}-]*[^su\s'’]s|(?:Aides|Officials|Advisers|Advisors|Leaders|Lawmakers|Republicans|Democrats|Organizers|Organisers|Protesters|Voters|Critics|Supporters))\s+(?:are|were|have|had|will|would|say|said|\p{Ll}+ed)\b`,
  'u',
);

/**
 * For a sentence that opens with "They", the plural subject the sentence before opens with:
 * "Sanders supporters are crying “fraud” over delegate selection. They have promised to …".
 */
function pluralOpening(text: string, sentence: Span, own = false): Mention | null {
  // `own`: "These rabid partisans are not only an arm of the party, they are willing …".
  const from = own ? sentence.start : previousSentenceStart(text, sentence.start);
  if (from === null) return null;
  const opening = PLURAL_OPENING.exec(text.slice(from, own ? sentence.end : sentence.start));
  if (!opening) return null;
  const start = from + opening[0].indexOf(opening[1]!);
  return { text: opening[1]!, start, end: start + opening[1]!.length };
}

function lastGroupBefore(text: string, from: number, to: number): string | null {
  const groups = [...text.slice(from, to).matchAll(/\b(?:\p{Lu}\p{L}+\s+)?(?:leaders|officials|ministers|governments|partners|allies|countries|Republicans|Democrats|lawmakers)\b/gu)];
  return groups.length > 0 ? groups[groups.length - 1]![0] : null;
}

const SPEECH_VERB = new RegExp(`\\b(?:${CUE_VERBS}|[Aa]ccording to)\\b`, 'gu');

/**
 * Who speaks in `region` (a sentence or paragraph): the subject of its first speech verb
 * outside `quotes`, or the name after an inverted one ("…,” said Ruth Okafor).
 */
export function speakerIn(text: string, region: Span, quotes: Span[], names: NameIndex): Actor | null {
  const body = text.slice(region.start, region.end);
  for (const cue of body.matchAll(SPEECH_VERB)) {
    const cueAt = region.start + cue.index;
    if (quotes.some((q) => q.start <= cueAt && cueAt < q.end)) continue;
    // "…,” said Ruth Okafor"; "…,” said pollster Frank Luntz": a role in lower case before the
    // name is not part of it.
    const after = /^\s+(?:(?:the\s+)?(?:\p{Ll}+\s+){1,2}(?=\p{Lu}[\p{Ll}'’-]+\s+\p{Lu}))?((?:(?:the|a|an|one|another)\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}.'’-]*)/u.exec(body.slice(cue.index + cue[0].length));
    if (/^according to$/iu.test(cue[0]) && after) return actorAt(text, cueAt + cue[0].length + after[0].indexOf(after[1]!), after[1]!, names, region);
    // "According to ministers, …": a body named by a common noun.
    const group = /^according to$/iu.test(cue[0]) ? /^\s+((?:(?:the|some|several|two|three)\s+)?(?:\p{L}+\s+){0,2}\p{Ll}+s)(?=[\s,.;])/u.exec(text.slice(cueAt + cue[0].length, region.end)) : null;
    if (group && isAgent(group[1]!)) return actorAt(text, cueAt + cue[0].length + group[0].indexOf(group[1]!), group[1]!, names, region);
    const quoteBefore = quotes.find((q) => q.end <= cueAt && cueAt - q.end < 4);
    if (quoteBefore && after) return actorAt(text, cueAt + cue[0].length + after[0].indexOf(after[1]!), after[1]!, names, region);
    const from = Math.max(region.start, ...quotes.filter((q) => q.end <= cueAt).map((q) => q.end));
    const subject = nounPhraseBefore(text, from, subjectEnd(text, from, cueAt));
    if (subject && isAgent(subject.text)) return resolveActor(text, subject, names, region, null);
  }
  return null;
}

function actorAt(text: string, start: number, found: string, names: NameIndex, region: Span): Actor {
  const words = /(?:^|\s)\p{Lu}\.$/u.test(found) ? found : found.replace(/[.,]+$/u, '');
  const mention = { text: words, start, end: start + words.length };
  return resolveActor(text, mention, names, region, null);
}

/** The pronoun that names the owner of a possessive one as an actor: "his pledge" → "he". */
const SUBJECT_FORM: Readonly<Record<string, string>> = { his: 'he', her: 'she', their: 'they', its: 'it', my: 'I', our: 'we' };

/**
 * `draft` with its actor named in words the citation gate finds near `quote`: the canonical
 * name when the story gives it there, else the mention's own words ("he", "Berlin"). A pronoun
 * whose antecedent is several sentences back ("Sanders … He pledged to …") is resolved right,
 * but the gate looks for the actor only in the quote's paragraph and the two sentences before
 * it, and would drop the commitment; under the story's own word it is kept. A possessive gives
 * its subject form ("his refusal" → "he"); only a personal pronoun or a proper name stands in.
 * Unchanged when the gate finds neither.
 */
export function visibleActor(story: Story, draft: CommitmentDraft, quote: Span): CommitmentDraft {
  const mention = typeof draft.actorMention === 'string' ? draft.actorMention : draft.actorMention?.text;
  if (!mention || actorProblem(story, draft, quote) === null) return draft;
  const bare = mention.trim().replace(/['’]s?$/u, '').replace(/^(?:the|a|an)\s+/iu, '');
  // "his" as a name would read as someone called "his"; only "he" will do. "who", "which" or
  // "the company" would be no name at all: only a personal pronoun or a proper name stands in.
  const pronoun = SUBJECT_FORM[bare.toLowerCase()] ?? (/^(?:he|she|they|we|it)$/iu.test(bare) ? bare.toLowerCase() : /^I$/u.test(bare) ? bare : null);
  const actor = pronoun ?? (/^\p{Lu}/u.test(bare) && !RELATIVE.test(bare) ? bare : null);
  return actor !== null && actorProblem(story, { ...draft, actor }, quote) === null ? { ...draft, actor } : draft;
}
