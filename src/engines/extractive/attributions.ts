import { countUpTo } from '../../story/sorted-offsets.js';
import type { Sentence, Span, Story } from '../../story/story.js';
import type { AttributionDraft } from '../engine.js';
import { isShare, mentionAfter, subjectBefore } from './clauses.js';
import type { Mention } from './clauses.js';
import { NameIndex } from './names.js';
import { EVIDENCE_NOUNS, cueFrame, isAfterOnly } from './speech-cues.js';
import type { CueFrame } from './speech-cues.js';
import { frameAfterQuote, frameBeforeColon, isVerbForm } from './attribution-quotes.js';
import { quoteSegments } from './speech-quotes.js';
import { bareNominalCue, nominalCue } from './speech-nouns.js';
import { isInfinitiveCue, isStanceAdjective, isThatCue } from './speech-that.js';
import { SpeakerResolver } from './speech-speakers.js';
import type { QuoteSegment } from './speech-quotes.js';

/** One reading of a cue: who, what, and how sure the reading is. */
interface Candidate {
  cue: Mention;
  source: Mention | null;
  content: Span;
  direct: boolean;
  /** Readings with more evidence win when two claim the same words. */
  priority: number;
  /** Start of the sentence of the cue, where a relative pronoun's antecedent is looked for. */
  sentenceStart: number;
}

type Reading = Omit<Candidate, 'sentenceStart'>;

/** A paragraph with what every reading in it needs. */
interface Scope {
  text: string;
  paragraph: Span;
  sentences: Sentence[];
  quotes: QuoteSegment[];
  /** The next paragraph's quotations, for a cue that ends its paragraph ("He said:"). */
  next: { paragraph: Span; quotes: QuoteSegment[] } | null;
  /** Every paragraph of the story and its quotations, for quotations that run across them. */
  story: { paragraphs: Span[]; quotes: QuoteSegment[][]; index: number };
}

const WORD = /[\p{L}][\p{L}’'-]*/gu;
/** A paragraph that is the publication's note on the story, not reporting. */
const NOTE = /^\s*(?:editor[’']s\s+note|correction|clarification)\s*:/iu;
/** What ends unquoted content that comes before its source: "…, he said", "… — he said". */
const CONTENT_END = /(?:,|\s[—–]|\s--)$/u;
const TIME =
  '(?:on|in|at|during|after|before|while|from|via|through|over|outside|inside|with|without|last|this|earlier|late|early|' +
  'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|recently|previously|repeatedly|' +
  'also|privately|publicly|again|then|later|once|often|afterward|afterwards|now|later|shortly|here|in a statement)\\b' +
  // "said Thursday's speeches …": a possessive day opens the content, it does not say when.
  "(?![’']s\\b)";
/**
 * A day, a recent time or a manner named right after the cue with no "that" after it: "said
 * Tuesday his actions are legal", "announced on Monday the lawsuit", "told the paper last week
 * she would …", "said in a statement Thursday night they …", "promised Sunday at a Las Vegas
 * rally to end …": it says when, where or how, and the content starts after it.
 */
const DAY_TAIL = /^(?:\s+(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|afternoon|evening))?|last\s+(?:week|month|year|night|weekend|fall|spring|summer|winter)|in\s+a\s+statement|publicly|privately|recently|yesterday|(?:at|in|during)\s+(?:a|an|the|his|her|their)\s+(?:[\p{L}.’'-]+\s+){0,4}?(?:rally|interview|statement|debate|speech|news\s+conference|press\s+conference|town\s+hall|hearing|appearance|briefing|op-ed|email|letter|tweet))){1,2}(?![’'\p{L}])(?=,?\s+[\p{L}“"])/u;
/** Verbs that voice or show a feeling named by the noun after them: "expressed concern", "voiced support", "showed interest". */
const VOICING = /^(?:show|shows|showed|shown|showing|indicate|indicates|indicated|indicating|express|expresses|expressed|expressing|voice|voices|voiced|voicing|signal|signals|signaled|signalled|signaling|raise|raises|raised|raising)$/iu;
/**
 * The feeling a voicing verb names and the "that" or preposition that opens what it is about:
 * "expressed concern that the bill …", "voiced support for the plan", "raised new questions
 * about her emails". The noun finishes the cue; the "that" clause or the preposition's object
 * is the content (on the PolNeAR training split 47 of 67 such contents start there).
 */
const VOICED_NOUN = /^\s+(?:\p{Ll}+\s+){0,2}?(?:concerns?|support|doubts?|frustration|optimism|skepticism|interest|confidence|opposition|hopes?|surprise|regret|dismay|outrage|disappointment|anger|worries|worry|fears?|questions?|alarm|sympathy|reservations|openness|willingness|gratitude|unease|displeasure)(?:\s+(?:about|for|over|in|with|on|regarding)\b)?(?=\s+(?:that\s|\p{L}|[“"]))/u;
/** A second past verb joined to the cue, with its preposition: " and insulted", " and has fundraised for". */
const PAIRED_VERB = /^\s+(?:and|or)\s+(?:(?:has|have|had|also|even|then|later)\s+)?\p{Ll}{3,}ed(?:\s+(?:for|on|about|with|against|to))?(?=\s+(?:\p{Ll}|\p{Lu}|[“"]))/u;
/** Words that may follow a cue without starting its content ("said Tuesday in a statement"). */
const TAIL = new RegExp(`^\\s+(?:${TIME}|of|about|to)[^,;:“”"]{0,70}?(?=\\s+that\\b)`, 'u');
/** Words up to the next clause break; a short title in quotation marks may be among them. */
const TAIL_WORDS = '(?:[^,;:“”"]|“[^”]{0,40}”|"[^"]{0,40}")*';
/** The same, stopping before a "that" clause, which is content ("said Monday that …"). */
const SETTING_WORDS = '(?:(?!\\s+that\\b)[^,;:“”"]|“[^”]{0,40}”|"[^"]{0,40}")*';
/** The rest of a sentence that only says when or where something was said. */
const END_TAIL = new RegExp(`^(?:\\s+(?:of|about)${TAIL_WORDS}|\\s+(?:${TIME}|\\p{Ll}+ly\\b|as|when|shortly|in)${SETTING_WORDS})?`, 'u');
/** After "told" and its source, whatever names the listener and the occasion. */
const LISTENER_TAIL = new RegExp(`^${SETTING_WORDS}`, 'u');
/** The same, when the source came before the cue and "to" names a listener ("he said to me"). */
const END_TAIL_TO = new RegExp(`^(?:\\s+(?:of|about)${TAIL_WORDS}|\\s+(?:${TIME}|\\p{Ll}+ly\\b|as|when|shortly|in|to)${SETTING_WORDS})?`, 'u');
const LISTENER =
  /^\s+(?:(?:him|her|them|me|us|you|reporters|journalists|supporters|voters|the\s+(?:\p{Ll}+\s+)?(?:crowd|audience|paper|newspaper|committee|station|network|magazine|outlet|station|senators?|reporters?|students))|(?:the\s+)?\p{Lu}[\p{L}.&’'-]*(?:\s+(?:of\s+|the\s+)?\p{Lu}[\p{L}.&’'-]*)*)(?=[\s,.:;]|$)/u;
/** Cues that ask someone to do something: "urged him to resign", "asked them to vote". */
const ASKING = /^(?:urge|urges|urged|urging|ask|asks|asked|asking|encourage|encourages|encouraged|encouraging|implore|implored|imploring|beg|begged|begging|invite|invited|inviting|press|pressed|pressing)$/iu;
/** A listener and the occasion, up to the "that" that opens what was told; never across a clause of its own ("asked him why he left when he had said that …"). */
const LISTENER_THAT = /^\s+(?![Tt]hat\b)(?:(?!\s(?:adding|saying|noting|and|but|after|before|when|while|since|because)\b)[^;:.!?“”"]){1,90}?(?=,?\s+that\s)/u;
/**
 * "refused to testify", "wants to lower taxes": an infinitive after a stance verb is what the
 * source wants or refuses, "to" and all (PolNeAR's content spans start at the "to"); in
 * "referred to the memo" it is a preposition, and its object alone is the content. The verb
 * may open a quotation ("vowed to “take our fight” to the states"): the "to" still stays.
 */
const INFINITIVE = /^\s+to\s+(?:[“"]|'')?(?!(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|him|them|me|us|it|what|whom?|which)\b)\p{Ll}+\b(?![’']s)/u;
/** Up to four words of a cue phrase and the preposition that ends it ("the same way about "). */
const TOPIC = /^(?:(?!(?:that|to|and|but|or|is|was|are|were|has|have|had|will|would)\b)[\p{L}’'-]+\s+){0,4}?(?:about)\s+(?=\S)/u;
/**
 * Up to five words and a comma before an opening quotation mark, with no subject, verb or
 * clause word among them, so that they name a listener or an occasion ("his supporters, ").
 */
const ADDRESSEE = /^(?:(?!(?:he|she|they|we|I|it|there|is|was|are|were|be|been|has|have|had|will|would|can|could|should|may|might|must|do|does|did|that|which|who|and|but|or|not|no)\b)[\p{L}\p{N}’'.-]+\s+){0,4}?[\p{L}\p{N}’'.-]+,\s+(?=(?:[“"]|'')\p{L})/u;
/**
 * Verbs whose "to" always takes an object, never an infinitive: "referring to the memo",
 * "pointed to the polls", "responded to the critics". On the PolNeAR training split the "to"
 * after them is part of the cue (referring 33 of 35, pointed 13 of 13), so the object alone
 * is the content, even where it looks like a verb ("pointed to attacks on her").
 */
const TO_OBJECT = /^(?:refer|refers|referred|referring|point|points|pointed|pointing|respond|responds|responded|responding|reply|replies|replied|replying|react|reacts|reacted|reacting|turned|turning|alluded|alluding|objected|objecting)$/iu;
/**
 * A preposition that finishes the cue phrase: "called for", "agreed with", "sided with", "lashed
 * out at", "talked up" (a content never starts with that "up" on the PolNeAR training split).
 */
const PARTICLE = /^\s+(?:for|on|to|up|out(?:\s+(?:at|against))?|about|against|at|of|with)\b/u;
/**
 * A participle cue after a preposition or subordinator ("After thanking …", "…, while saying
 * that …", "In addition to stating that …"): its subject is the main clause's.
 */
const GOVERNED_PARTICIPLE =
  /(?:^|[,;]\s*|\s[—–]\s*)(?:(?:but|and)\s+)?(?:after|before|while|since|by|without|despite|besides|upon|when|in\s+addition\s+to|instead\s+of|rather\s+than)\s+(?:\p{Ll}+ly\s+)?$/iu;
/** "…, with Gov. Ann Lee calling …": an absolute clause whose subject comes after "with". */
const WITH_SUBJECT = /(?:^|[,;]\s*|\s[—–]\s*)with\s+((?:(?:the|a|an|former|some|many|one|two|both|his|her|their)\s+)?(?:\p{Lu}[\p{L}.’'-]*\s+){0,5}(?:\p{Lu}[\p{L}.’'-]*|\p{Ll}+s))(\s+(?:\p{Ll}+ly\s+|also\s+)?)$/u;
/** A participle cue after a comma or dash whose subject is the main clause's: "…, adding that …". */
const PARTICIPLE_AT = /(?:,["”']*|\s[—–]|\s-)\s*(?:and\s+)?$/u;
const COORDINATED = /\b(?:and|but)\s+(?:\p{Ll}+ly\s+|also\s+|then\s+|later\s+)?$/u;
/** A short adverbial that opens a sentence ("At the time,", "In a statement,"), not content. */
const OPENER =
  /^(?:(?:but|and|so)\s+)?(?:at|in|on|during|after|before|when|while|for|with|by|from|since|last|this|earlier|later|on|under|amid|despite|asked|speaking|meanwhile|still|instead|now|then|yet|however|separately|today|yesterday|also)\b[^,;:“”"]{0,50},$/iu;
/** The rest of a sentence after "“…,” X said" that only says when or where: no clause, no quote. */
const SETTING = /^\s+(?!(?:that|he|she|they|it|we|I|you|there|this|these|those|his|her|their)\b)[^,;:“”"]{1,80}?[.!?]?\s*$/u;
/** What opens a clause rather than a setting: a subject ("the pier would …", "Lee was …"). */
const CLAUSE_START = /^\s+(?:\p{Lu}|(?:the|a|an|his|her|their|its|this|these|those|we|they|he|she|it|I|you|there)\b)/u;
/** What before a past participle makes it an adjective: a determiner, a number, a possessive. */
const MODIFIER_BEFORE = /(?:\b(?:the|a|an|those|these|this|that|its|his|her|their|our|my|your|of)|\p{N}|['’]s)\s+$/iu;
/** What before a plural makes it a noun: "the claims", "Based on estimates", "his remarks". */
const NOUN_BEFORE = /(?:\b(?:the|a|an|those|these|its|his|her|their|our|my|your|of|on|in|for|by|with|from|about)|\p{N}|['’]s)\s+$/iu;
/** What may open a sentence before "asked" when the source answers after it. */
/** "Trump, when asked about …", "Davis, who was asked about …": a question put to the subject. */
const PASSIVE_ASKED = /(?:^|,\s*|\s)(?:when|after\s+being|(?:who\s+)?(?:was|were|is|had\s+been|has\s+been|have\s+been)(?:\s+\p{Ll}+ly)?)\s+$/iu;
const QUESTION_OPENER = /^(?:(?:but|and|so)\s+)?(?:(?:when|if|after\s+being|once|while|as\s+he\s+was|as\s+she\s+was)\s+)?$/iu;
/** "Name Name: words" with a short capitalised name before the colon. */
const HEADLINE = /^((?:EXCLUSIVE|WATCH|VIDEO|BREAKING)\s+[–—-]\s+)?(\p{Lu}[\p{L}.’'-]*(?:\s+(?:[\p{Lu}\p{N}][\p{L}.’'-]*|camp|campaign|to|at|on|in|of)){0,4})(:\s+)\S/u;
/** A transcript turn: a paragraph opening (after a quotation mark, often) with "NAME:" in capitals. */
const TURN = /^(["“]?)(\p{Lu}[\p{Lu}.’'-]+(?:\s+\p{Lu}[\p{Lu}.’'-]*){0,2})(:\s+)\S/u;
/** A comma before what looks like the subject of a new clause ("…, U.S. forces bombed"). */
const NEW_CLAUSE = /,(?=\s+(?:\p{Lu}|\p{Ll}+ed\s|(?:he|she|they|it|we|I|the|a|an|his|her|their|its|this|that|these|those|there)\b))/gu;
/**
 * Where reported content usually stops: a semicolon; a comma before a new clause, another
 * subject ("…, and the ACLU has sued") or an apposition about the whole ("…, a move that …").
 */
const CLAUSE_STOP = new RegExp(
  [
    ';',
    // "…, but that …" goes on with a second clause of what was said, so it does not stop.
    String.raw`,(?:["”]|'')?\s+(?:which|while|whereas|where|though|although|but(?!\s+that\b))\b`,
    String.raw`,\s+(?:and|so)\s+(?=(?:he|she|they|it|we|I)\s)`,
    // "…, and the nation has to act": a determiner starts a new subject only when a verb follows;
    // "…, the troubles in the Eurozone, and the fears over terrorism" is one more item of a list.
    String.raw`,\s+(?:and|so)\s+(?=(?:the|his|her|their|its)\s+(?:[^\s,;:!?“”"]+\s+){0,9}?(?:is|was|are|were|has|have|had|will|would|could|can|should|may|might|must|did|does|do|\p{Ll}+ed|\p{Ll}+n[’']t)\b)`,
    // "…, with whom he clashed", "…, with Sen. John McCain calling it …": what a person named next did.
    String.raw`,\s+(?=with\s+(?:whom\b|(?:\p{Lu}[\p{L}.’'-]*\s+){1,4}(?:now\s+|also\s+)?\p{Ll}+ing\b))`,
    // "… to kill the families of terrorists — a controversial stance", "… they will - and this is …":
    // a dash and a comment on what was said.
    // Not an aside closed by a second dash ("David Brock — a pro-Clinton super PAC — was").
    String.raw`\s(?:[—–]|--?)\s(?=(?:a|an|and\s+(?:he|she|they|it|we|I|this|one|no|his|her|their|the|several|many|some|why|then|\p{Lu}))\s[^—–]*$)(?![^—–]*\s-{1,2}\s)`,
    // "… still has a shot to win, despite Sanders’ lead": a concession about it, not more of it;
    // "he's not giving up, despite trailing" is the clause's own.
    String.raw`,\s+(?=despite\s+(?!\p{Ll}+ing\b))`,
    // "…, as was the case with Tuesday’s news conference", "…, as have other Democrats": a comparison added to it.
    String.raw`,\s+(?=as\s+(?:was|were|have|has|had|did|mentioned|noted|reported|(?:\p{Lu}[\p{L}.’'-]*\s+){1,3}(?:is|was|has|had|\p{Ll}+ed))\b)`,
    // "… new donors have come aboard since January, when Our Principles PAC …": when it happened, not what was said.
    String.raw`,\s+(?=when\s+(?!asked\b)(?:\p{Lu}[\p{L}.’'-]*\s+){1,4}(?:\p{Ll}+ly\s+)?(?:is|was|has|had|\p{Ll}+ed)\b)`,
    // "He said that he would offer a prayer for the nominee but did not say who": what the source did next.
    String.raw`,?\s+but\s+(?=(?:did|does)\s+not\s+\p{Ll}|(?:didn|doesn)[’']t\s+\p{Ll})`,
    // "47 percent said they would vote for Clinton, however this time that number has dropped".
    String.raw`,\s+however\s+(?=\p{Ll})`,
    // "…, and Brian Deese, the climate adviser, said …", "…, and NBC News has proof": a named subject and its verb.
    String.raw`,\s+and\s+(?=(?!I\s)(?:\p{Lu}[\p{L}.’'-]*\s+){1,4}(?:,[^,;“”"]{1,60},\s+)?(?:also\s+|still\s+|now\s+|then\s+)?(?:is|was|are|were|has|have|had|will|would|could|can|should|may|might|did|does|said|says|\p{Ll}+ed)\b)`,
    // "…, and three-quarters said the same of Sanders", "…, and more than 4 in 10 said …": another share of a poll and its verb.
    String.raw`,\s+(?:and|but|while)\s+(?=(?:more\s+than\s+|nearly\s+|about\s+|almost\s+|only\s+|just\s+|roughly\s+)?(?:\p{N}[\p{N}%.,]*|one|two|three|four|five|six|seven|eight|nine|ten|half|a\s+third|a\s+quarter|three-quarters|two-thirds|most|many)\b[^,;“”"]{0,40}?\s(?:said|say|says)\b)`,
    // "…, and when asked …", "… — while …": another clause, not more of what was said.
    String.raw`,\s+(?:and|but|so)\s+(?=(?:when|there|then)\b)`,
    String.raw`\s[—–]\s(?=while\b)`,
    String.raw`,\s+(?=(?:even\s+(?:as|though|if|when|after)|compared\s+(?:to|with)|as\s+(?:he|she|they|it|we|I))\s)`,
    // "… at a rally in Ohio", "… during a television interview": where it was said.
    // "… in the wake of Orlando", "… in the last two debates": when it was said or done.
    String.raw`,?\s+(?=in\s+the\s+(?:past|last|wake|weeks|days|months|years|hours|coming|previous|earlier)(?![\p{L}-]))`,
    String.raw`,?\s+(?=(?:at|during|in)\s+(?:a|an|the|his|her|their)\s+(?:\p{Ll}+\s+)?(?:rally|rallies|debate|press|news|town|speech|event|interview|meeting|conference|forum|fundraiser|statement|appearance|op-ed|letter|tweet|post|radio|television|TV)\b)`,
    String.raw`,(?:["”]|'')?\s+(?:a|an)\s+\p{Ll}+\s+(?:that|of|which|who)\b`,
    // "42% say they are liberal, 34% conservative": the next share of a poll is its own finding
    // (not "…, 46 percent to 44 percent", the margin of this one).
    String.raw`,\s+(?=\d[\d.,]*\s*(?:%|percent)\s+(?!to\b|of\b|in\b|on\b|among\b)\p{L})`,
    // "…for Senator Bernie Sanders of Vermont, who similarly blasts free trade": an aside about a person named last.
    String.raw`(?<=\p{Lu}[\p{L}.’'-]*),\s+who\b`,
  ].join('|'),
  'gu',
);
/** ", and Jones also said": a second subject and its verb after "and"/"but". */
const SECOND_SPEAKER = /,?\s+(?:and|but)\s+(?:(?:\p{Lu}[\p{L}.’'-]*\s+){1,3}|(?:he|she|they|we)\s+)(?:also\s+)?(\p{Ll}+)\b/gu;
/** A comma or "and"/"but" and the word after it, where a new clause about the source may start. */
const CLAUSE_LINK = /(?:,["”']*\s*(?:(?:and|but)\s+)?|\s+(?:and|but)\s+)(?:,?\s*(?:in|on|at|during|after|with)\s[^,;“”"]{1,40}?,?\s+)?(?:also\s+|has\s+|have\s+|had\s+)?([\p{L}]+)/gu;
/** Between subject and cue, a form of "be" makes the cue passive ("was revealed"). */
const PASSIVE = /\b(?:is|was|are|were|be|been|being)\s+(?:not\s+|n[’']t\s+)?(?:(?:\p{Ll}+ly|first|also|later|initially|originally|widely|previously)\s+)?$/u;
const DETERMINER = /^(?:a|an|the|his|her|their|its|our|my|your|this|that|these|those)$/u;
const CONTINUATION_STOP =
  /^(?:and|but|or|so|yet|as|while|who|whom|whose|which|where|about|in|on|at|for|with|without|from|by|of|into|during|like|than|also|not|even|just|only|now|then|later|who|referring|noting)$/u;
/** Words that make a clause subordinate: its content ends with the clause. */
const SUBORDINATOR = /\b(?:after|before|when|whenever|while|since|because|although|though|once|until|if|unless|as)\s+/giu;

/**
 * Who said what, by rule, from a cue lexicon learnt from news text with gold attributions:
 * direct quotations with the speech verb next to them, quotations split around their source
 * ("…,” she said. “…”), reported speech after a speech verb ("X said that …", "X told Fox
 * News …", "X believes …"), content before its source ("…, officials say"), "according to
 * X", and what reports and polls found.
 */
export function attributions(story: Story): AttributionDraft[] {
  const names = new NameIndex(story.text);
  const candidates: Candidate[] = [];
  const quotesByParagraph = story.paragraphs.map((p) => quoteSegments(story.text, p));
  const sentencesByParagraph = story.paragraphs.map((): Sentence[] => []);
  for (const sentence of story.sentences) sentencesByParagraph[sentence.paragraph]!.push(sentence);
  const quoteEdges = edgesOf(quotesByParagraph);
  story.paragraphs.forEach((paragraph, index) => {
    // An editor's note or a correction speaks for the publication about the story itself.
    if (NOTE.test(story.text.slice(paragraph.start, paragraph.end))) return;
    const nextParagraph = story.paragraphs[index + 1];
    const scope: Scope = {
      text: story.text,
      paragraph,
      sentences: sentencesByParagraph[index]!,
      quotes: quotesByParagraph[index]!,
      next: nextParagraph ? { paragraph: nextParagraph, quotes: quotesByParagraph[index + 1]! } : null,
      story: { paragraphs: story.paragraphs, quotes: quotesByParagraph, index },
    };
    const headline = headlineReading(scope);
    if (headline) candidates.push(headline);
    for (const sentence of scope.sentences) candidates.push(...readSentence(scope, sentence));
    candidates.push(...framedQuotes(scope), ...signedQuotes(scope));
  });
  const chosen = choose(candidates, story.text);
  const resolver = new SpeakerResolver(story.text, names);
  const speakers = new Map<Candidate, string>();
  for (const c of [...chosen].sort((a, b) => (a.source?.start ?? a.cue.start) - (b.source?.start ?? b.cue.start))) {
    if (c.source) speakers.set(c, resolver.resolve(c.source, c.sentenceStart));
  }
  const drafts = chosen.map((c): AttributionDraft => {
    const content = unquoted(story.text, c.content, quoteEdges);
    return {
      // The source stays the words that make the attribution ("who"); the speaker names them.
      source: c.source ? { text: c.source.text, near: c.source.start } : null,
      speaker: speakers.get(c) ?? null,
      cue: { text: c.cue.text, near: c.cue.start },
      content: { text: story.text.slice(content.start, content.end), near: content.start },
      direct: c.direct,
    };
  });
  return [...drafts, ...unframedQuotes(story, quotesByParagraph, quoteEdges, chosen, speakers, resolver)];
}

/** Where the story's quotations start and end, for looking one up by its edge. */
interface QuoteEdges {
  starts: Set<number>;
  ends: Set<number>;
}

function edgesOf(quotes: QuoteSegment[][]): QuoteEdges {
  const segments = quotes.flat();
  return { starts: new Set(segments.map((q) => q.start)), ends: new Set(segments.map((q) => q.end)) };
}

const UNFRAMED_MIN_WORDS = 6;

/**
 * Quotations no reading claimed: in news text a quoted sentence is nearly always someone's
 * words even when no verb frames it ("— More from Jones: “…”", a quote in a paragraph of its
 * own). Their source is the last one named before them; titles ("“Orange is the New Black”")
 * are left out.
 */
function unframedQuotes(
  story: Story,
  quotes: QuoteSegment[][],
  edges: QuoteEdges,
  chosen: Candidate[],
  speakers: Map<Candidate, string>,
  resolver: SpeakerResolver,
): AttributionDraft[] {
  const { text } = story;
  const claimed = new ClaimedSpans(chosen.map((c) => c.content));
  const sourced = chosen.filter((c) => c.source).sort((a, b) => a.content.start - b.content.start);
  const sourcedStarts = sourced.map((c) => c.content.start);
  const sentenceStarts = story.sentences.map((s) => s.start);
  const drafts: AttributionDraft[] = [];
  // The last draft when it holds whole paragraphs, with the index of the last of them.
  let run: { draft: AttributionDraft; start: number; index: number } | null = null;
  for (const [index, segment] of quotes.flatMap((qs, i) => qs.map((q) => [i, q] as const))) {
    if (claimed.overlaps(segment)) continue;
    const content = unquoted(text, segment, edges);
    const quoted = text.slice(content.start, content.end);
    if (wordCount(quoted) < UNFRAMED_MIN_WORDS || isTitle(quoted)) continue;
    const paragraph = story.paragraphs[index]!;
    // A headline credited to its outlet ("—“…,” by Post's Kathianne Boniello") is a title.
    if (/^\s*by\b/u.test(text.slice(segment.end, segment.end + 6))) continue;
    // "— “Make America Great Again.”" and "his act—“…”—": a slogan set off by a dash, not speech.
    if (/[—–]\s*$/u.test(text.slice(paragraph.start, segment.start))) continue;
    const whole = !/\S/u.test(text.slice(paragraph.start, segment.start) + text.slice(segment.end, paragraph.end));
    // Quoted paragraphs in a row are one speech, as with a quote that runs across paragraphs.
    if (whole && run && run.index === index - 1) {
      run.draft.content = { text: text.slice(run.start, content.end), near: run.start };
      run.index = index;
      continue;
    }
    run = null;
    // Sentences are in story order and do not overlap: only the last one starting at or
    // before the quotation can hold its start.
    const holder = story.sentences[countUpTo(sentenceStarts, segment.start, true) - 1];
    const sentence = holder && segment.start < holder.end ? holder : undefined;
    const lead = sentence ? text.slice(sentence.start, segment.start) : '';
    // "… that the dredger “would never be paid for”": the quote completes a reported clause,
    // and the content starts at its "that", as gold contents keep the complementiser.
    const that = /\bthat\s+(?=[^“”"]{1,80}$)/u.exec(lead);
    if (that) content.start = sentence!.start + that.index;
    const words = text.slice(content.start, content.end);
    // A subject earlier in the quote's own sentence ("Hillary shot back, “…”") speaks it.
    const own = sentence && /\p{L}/u.test(lead) ? sentenceSubject(text, sentence, segment.start) : null;
    if (own) {
      drafts.push({ source: { text: own.text, near: own.start }, speaker: resolver.resolve(own, sentence!.start), cue: null, content: { text: words, near: content.start }, direct: true });
      continue;
    }
    const last = sourced[countUpTo(sourcedStarts, segment.start) - 1];
    const draft: AttributionDraft = {
      source: last?.source ? { text: last.source.text, near: last.source.start } : null,
      speaker: last ? (speakers.get(last) ?? null) : null,
      cue: null,
      content: { text: words, near: content.start },
      direct: true,
    };
    drafts.push(draft);
    if (whole) run = { draft, start: content.start, index };
  }
  return drafts;
}

/** Whether quoted words read as a title: most words capitalised and no closing punctuation. */
function isTitle(words: string): boolean {
  const all = words.match(WORD) ?? [];
  const capitalised = all.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised * 2 > all.length && !/[.!?]\s*$/u.test(words);
}

/**
 * Content without the quotation marks that open and close it. A leading "that" stays: news
 * corpora with gold attributions take the complementiser as part of the reported clause (on
 * the PolNeAR training split a content starts with "that" 2,595 times and follows one 31 times).
 */
function unquoted(text: string, content: Span, edges: QuoteEdges): Span {
  let { start, end } = content;
  const opening = /^(?:''|["“])/u.exec(text.slice(start, start + 2));
  const closing = /(?:''|["”])$/u.exec(text.slice(Math.max(start, end - 2), end));
  if (opening && edges.starts.has(start)) start += opening[0].length;
  if (closing && end > start && edges.ends.has(end)) end -= closing[0].length;
  return { start, end };
}

/** Contents already claimed by a reading, asked whether any shares characters with a span. */
class ClaimedSpans {
  private readonly starts: number[];
  /** `reach[i]`: the furthest end among the first `i + 1` non-empty spans by start. */
  private readonly reach: number[];

  constructor(spans: Span[]) {
    const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.reach = [];
    let furthest = -Infinity;
    for (const span of sorted) this.reach.push((furthest = Math.max(furthest, span.end)));
  }

  /** Whether some claimed span overlaps `span` by at least one character. */
  overlaps(span: Span): boolean {
    if (span.end <= span.start) return false;
    const before = countUpTo(this.starts, span.end);
    return before > 0 && this.reach[before - 1]! > span.start;
  }
}

/** A headline or interview line that names its source before a colon: "Sanders: …", "Q: …". */
function headlineReading(scope: Scope): Candidate | null {
  const { text, paragraph } = scope;
  const line = text.slice(paragraph.start, paragraph.end);
  const turn = turnReading(scope, line);
  if (turn) return turn;
  const match = HEADLINE.exec(line);
  if (!match || wordCount(line) > 30) return null;
  const prefix = match[1] ?? '';
  const name = match[2]!;
  const colonAt = paragraph.start + prefix.length + name.length;
  const start = colonAt + match[3]!.length;
  const end = trimEnd(text, start, paragraph.end, scope.quotes);
  if (wordCount(text.slice(start, end)) < 2) return null;
  // "The Latest: …" names a column, "Clinton: 1,769." a tally, "Q: Is he conservative?" a
  // question too short to be one.
  if (/^The\s/u.test(name) || !/\p{L}/u.test(text.slice(start, end))) return null;
  if (/^[QA]$/u.test(name) && wordCount(text.slice(start, end)) < 5) return null;
  return {
    cue: { text: ':', start: colonAt, end: colonAt + 1 },
    source: { text: name, start: paragraph.start + prefix.length, end: colonAt },
    content: { start, end },
    direct: false,
    priority: 3.5,
    sentenceStart: paragraph.start,
  };
}

/**
 * A transcript turn, "WALLACE: Let's start …" (often opened with a quotation mark that is
 * never closed): the speaker in capitals, and what they say up to the end of the paragraph.
 */
function turnReading(scope: Scope, line: string): Candidate | null {
  const match = TURN.exec(line);
  if (!match || match[2]!.replace(/[^\p{L}]/gu, '').length < 2) return null;
  const { paragraph, text } = scope;
  const colonAt = paragraph.start + match[1]!.length + match[2]!.length;
  const start = colonAt + match[3]!.length;
  const end = paragraph.start + line.replace(/["”\s]+$/u, '').length;
  if (wordCount(text.slice(start, end)) < 2) return null;
  return {
    cue: { text: ':', start: colonAt, end: colonAt + 1 },
    source: { text: match[2]!, start: paragraph.start + match[1]!.length, end: colonAt },
    content: { start, end },
    direct: true,
    priority: 5,
    sentenceStart: paragraph.start,
  };
}

/** Whether the scope is the story's headline: a short first line with the story below it. */
function isHeadline(scope: Scope): boolean {
  const { paragraph, text, story } = scope;
  return story.index === 0 && story.paragraphs.length > 1 && wordCount(text.slice(paragraph.start, paragraph.end)) <= 30;
}

/**
 * Headline words whose past form is a cue but which are themselves another word: "not"
 * (noted), "ad" (added), "email" (emailed), "state" (stated). On the PolNeAR training split
 * their 34 headline readings matched gold content exactly 3 times.
 */
const NOT_HEADLINE_VERB = /^(?:not|ads?|emails?|states?)$/u;

/**
 * Headlines put verbs in the present ("Clinton blasts Trump", "Rivals pledge to …"): in the
 * first paragraph, a present form of a listed past-tense cue is that cue.
 */
function headlineCueFrame(word: string): ReturnType<typeof cueFrame> {
  const w = word.toLowerCase();
  if (NOT_HEADLINE_VERB.test(w)) return undefined;
  const stem = w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('es') && !w.endsWith('ses') ? w.slice(0, -2) : w.endsWith('s') ? w.slice(0, -1) : w;
  for (const past of [`${w}ed`, `${w}d`, `${stem}ed`, `${stem}d`, `${stem.replace(/y$/u, 'i')}ed`, `${stem}${stem.at(-1)}ed`]) {
    const frame = cueFrame(past);
    if (frame) return frame;
  }
  return undefined;
}

/** After a quotation, a dash and the name that signs it: "“…” ― Ann Lee “…”". */
const INLINE_SIGNATURE = /^\s*[―—]\s*(\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,3})(?=\s*(?:["“]|$))/u;

/** Quotations signed by the name after them, as in a page of readers' comments. */
function signedQuotes(scope: Scope): Candidate[] {
  const { text, paragraph } = scope;
  const found: Candidate[] = [];
  for (const q of scope.quotes) {
    if (!q.closed) continue;
    const match = INLINE_SIGNATURE.exec(text.slice(q.end, paragraph.end));
    if (!match) continue;
    const at = q.end + match[0].indexOf(match[1]!);
    const dash = q.end + match[0].search(/[―—]/u);
    found.push({
      cue: { text: text[dash]!, start: dash, end: dash + 1 },
      source: { text: match[1]!, start: at, end: at + match[1]!.length },
      content: { start: q.start, end: q.end },
      direct: true,
      priority: 5,
      sentenceStart: paragraph.start,
    });
  }
  return found;
}

/** A paragraph that signs the quotation before it: "- Bernie Sanders.", "— Sen. Ann Lee, Ohio". */
const SIGNATURE = /^\s*([-—–―]+)\s*(\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,4})\s*(?:[,.(]|$)/u;
/** A clause that opens a sentence before its subject: "When Wallace died in 1998, ". */
const LEADING_CLAUSE = /^(?:as|when|after|before|while|since|although|though|because|if|in|on|at|during|despite|with|for|from|later|then|earlier|immediately)\b[^,“”"]{0,80},\s*/iu;

/**
 * Quotations attributed with a verb outside the lexicon, the weakest readings: "“…,” Bennett
 * shot back." and "She then addressed the supporters again: “…”".
 */
function framedQuotes(scope: Scope): Candidate[] {
  const { text } = scope;
  const found: Candidate[] = [];
  const sentenceAt = (at: number): Sentence | undefined => scope.sentences.find((s) => s.start <= at && at <= s.end);
  for (const q of scope.quotes) {
    if (!q.closed) continue;
    const sentence = sentenceAt(q.end) ?? sentenceAt(q.end - 1);
    if (!sentence) continue;
    if (/[,?!]\s*(?:["”]|'')$/u.test(text.slice(q.start, q.end))) {
      // The splitter may end a sentence at "?”" before its source: "“…?” Hannity pressed."
      const frame = frameAfterQuote(text, q.end, scope.paragraph.end);
      if (frame) {
        const start = runBack(scope, q.start);
        const content = extendQuote(scope, { start, end: q.end }, true, sentence.end, frame.cue);
        found.push({ ...frame, content, direct: true, priority: 1.2, sentenceStart: sentence.start });
      }
    }
  }
  // "… released the following statement:" and a quotation after the colon or in the next paragraph.
  const colons: Array<{ at: number; content: Span }> = [];
  for (const q of scope.quotes) {
    const from = Math.max(scope.paragraph.start, q.start - 4);
    const colon = /:\s*$/u.exec(text.slice(from, q.start));
    if (colon) colons.push({ at: from + colon.index, content: quoteRun(scope.quotes, q, scope.paragraph, text) });
  }
  const last = text.slice(scope.paragraph.start, scope.paragraph.end).trimEnd();
  const first = scope.next?.quotes[0];
  if (last.endsWith(':') && scope.next && first && first.start === scope.next.paragraph.start) {
    colons.push({ at: scope.paragraph.start + last.length - 1, content: quoteRun(scope.next.quotes, first, scope.next.paragraph, text) });
  }
  // A quotation standing alone, signed in the next paragraph: "“…”" then "- Bernie Sanders."
  const signature = scope.next ? SIGNATURE.exec(text.slice(scope.next.paragraph.start, scope.next.paragraph.end)) : null;
  const whole = scope.quotes[0];
  if (signature && scope.next && whole && whole.start === scope.paragraph.start && whole.end >= last.length + scope.paragraph.start - 1) {
    const dash = scope.next.paragraph.start + signature[0].indexOf(signature[1]!);
    const name = signature[2]!.replace(/(\p{Ll}{2})\.$/u, '$1');
    const at = scope.next.paragraph.start + signature[0].indexOf(signature[2]!);
    found.push({
      cue: { text: signature[1]!, start: dash, end: dash + signature[1]!.length },
      source: { text: name, start: at, end: at + name.length },
      content: quoteRun(scope.quotes, whole, scope.paragraph, text),
      direct: true,
      priority: 1.2,
      sentenceStart: scope.next.paragraph.start,
    });
  }
  for (const { at, content } of colons) {
    const sentence = sentenceAt(at);
    if (!sentence || scope.quotes.some((q) => q.start < at && at < q.end)) continue;
    const lead = LEADING_CLAUSE.exec(text.slice(sentence.start, at))?.[0].length ?? 0;
    const frame = frameBeforeColon(text, sentence.start + lead, at) ?? verbBeforeColon(text, sentence.start, at);
    if (!frame) continue;
    found.push({ ...frame, content: { start: content.start, end: content.end }, direct: true, priority: 1.2, sentenceStart: sentence.start });
  }
  return found;
}

/**
 * The first verb before a colon that has a subject, and that subject: "In Hudson on Monday,
 * the Christie supporter retorted:", "Article 33 affirms:", "he demurred:".
 */
function verbBeforeColon(text: string, start: number, colon: number): { source: Mention; cue: Mention } | null {
  for (const match of text.slice(start, colon).matchAll(WORD)) {
    const word = match[0];
    if (!isVerbForm(word) && !cueFrame(word)) continue;
    const at = start + match.index;
    const subject = subjectBefore(text, start, at);
    if (!subject || !isShortSource(subject.text) || subject.end > at) continue;
    return { source: subject, cue: { text: word, start: at, end: at + word.length } };
  }
  return null;
}

/** The least priority of two readings that may nest: speech verbs from the lexicon with a source. */
const NESTING_PRIORITY = 3;

/** Verbs of perception that hold a view when an "as" follows their object: "saw X as a threat". */
const SEE_AS = /^(?:see|sees|saw|view|views|viewed|regard|regards|regarded)$/iu;
const AS_AHEAD = /^\s[^,.;:!?“”"]{1,60}?\sas\s/u;

/** Below every other reading, so a possessor-less noun never displaces one. */
const BARE_NOUN_PRIORITY = 0.5;

/**
 * Keeps the strongest readings; a cue inside content already taken is part of that content,
 * unless both readings are strong enough to nest.
 */
function choose(candidates: Candidate[], text: string): Candidate[] {
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || a.cue.start - b.cue.start);
  const kept: Candidate[] = [];
  const near = new KeptNearby();
  for (const candidate of ordered) {
    const clash = near.around(candidate).some((k) => {
      // Two strong readings may nest ("Aides say Smith told donors that …"): news text
      // attributes inside attributions, and the inner one is no copy of the outer.
      const nest = Math.min(k.priority, candidate.priority) >= NESTING_PRIORITY || nested(text, k, candidate) || nested(text, candidate, k);
      return (
        (!nest && within(candidate.cue, k.content)) ||
        (!nest && within(k.cue, candidate.content)) ||
        overlap(candidate.content, k.content) > 0.5 * (nest ? Math.max : Math.min)(length(candidate.content), length(k.content))
      );
    });
    if (!clash) {
      kept.push(candidate);
      near.add(candidate);
    }
  }
  return kept.sort((a, b) => a.content.start - b.content.start);
}

/** Characters of story text per bucket of {@link KeptNearby}. */
const BUCKET = 512;

/**
 * The readings kept so far, by where they lie. Two readings clash only when a cue of one lies
 * in the content of the other or their contents overlap, so only readings whose cue and
 * content reach into the same stretch of text need comparing: checking every kept reading
 * would make choosing quadratic in the story's length.
 */
class KeptNearby {
  private readonly buckets = new Map<number, Candidate[]>();
  /** Readings with an inverted content span: they clash by length alone, so always compared. */
  private readonly everywhere: Candidate[] = [];

  add(candidate: Candidate): void {
    if (length(candidate.content) < 0) {
      this.everywhere.push(candidate);
      return;
    }
    const [first, last] = KeptNearby.range(candidate);
    for (let b = first; b <= last; b++) {
      const bucket = this.buckets.get(b);
      if (bucket) bucket.push(candidate);
      else this.buckets.set(b, [candidate]);
    }
  }

  /** Kept readings that could clash with `candidate` (some more than once), in no order. */
  around(candidate: Candidate): Candidate[] {
    if (length(candidate.content) < 0) return [...this.everywhere, ...[...this.buckets.values()].flat()];
    const found = [...this.everywhere];
    const [first, last] = KeptNearby.range(candidate);
    for (let b = first; b <= last; b++) found.push(...(this.buckets.get(b) ?? []));
    return found;
  }

  /** The buckets from the first to the last character any of the reading's spans touch. */
  private static range(c: Candidate): [number, number] {
    const start = Math.min(c.cue.start, c.cue.end, c.content.start, c.content.end);
    const end = Math.max(c.cue.start, c.cue.end, c.content.start, c.content.end);
    return [Math.floor(start / BUCKET), Math.floor(end / BUCKET)];
  }
}

/**
 * "Sanders responds that he doesn't need rules to tell him …": an outer "that" reading keeps its
 * content around a stronger inner reading that sits whole inside it.
 */
function nested(text: string, inner: Candidate, outer: Candidate): boolean {
  return (
    within(inner.cue, outer.content) &&
    within(inner.content, outer.content) &&
    !within(outer.cue, inner.content) &&
    THAT_OPENS.test(text.slice(outer.cue.end, outer.content.start + 5)) &&
    inner.priority >= 3 &&
    outer.priority >= 2
  );
}
const THAT_OPENS = /^\s*(?:\p{Ll}+\s+)?that\s/u;

function readSentence(scope: Scope, sentence: Sentence): Candidate[] {
  const { text, quotes } = scope;
  const body = text.slice(sentence.start, sentence.end);
  const found: Candidate[] = [];
  for (const match of body.matchAll(WORD)) {
    const at = sentence.start + match.index;
    if (quotes.some((q) => q.start < at && at < q.end)) continue;
    const word = match[0];
    if (/^according$/iu.test(word)) {
      const to = /^\s+to\b/u.exec(text.slice(at + word.length, sentence.end));
      if (to) {
        const cue = { text: text.slice(at, at + word.length + to[0].length), start: at, end: at + word.length + to[0].length };
        const reading = according(scope, sentence, cue);
        if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      }
      continue;
    }
    const nominal = nominalCue(text, at, word, sentence.start);
    if (nominal) {
      const reading = nominalReading(scope, sentence, { text: word, start: at, end: at + word.length }, nominal.source, nominal.contentStart);
      if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      continue;
    }
    if (word === 'in' && at > sentence.start) {
      const reading = pollAfter(scope, sentence, { text: word, start: at, end: at + word.length });
      if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      continue;
    }
    if (/^to$/iu.test(word) && /^\s*(?:[Bb]ut\s+)?$/u.test(text.slice(sentence.start, at))) {
      const reading = viewOpener(scope, sentence, { text: word, start: at, end: at + word.length });
      if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      continue;
    }
    if (at === sentence.start && word === 'In') {
      const reading = pollOpener(scope, sentence, { text: word, start: at, end: at + word.length });
      if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      continue;
    }
    const bare = bareNominalCue(text, at, word);
    if (bare !== null) {
      // The weakest reading: it only stands where nothing else claims the words.
      const subject = sentenceSubject(text, sentence, at);
      const reading = subject ? nominalReading(scope, sentence, { text: word, start: at, end: at + word.length }, subject, bare) : null;
      if (reading) found.push({ ...reading, priority: BARE_NOUN_PRIORITY, sentenceStart: sentence.start });
      continue;
    }
    if (/^reportedly$/iu.test(word)) {
      const reading = reportedly(scope, sentence, { text: word, start: at, end: at + word.length }, found);
      if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      continue;
    }
    if (at === sentence.start && /^(?:Said|Says|Added|Adds|Wrote|Writes)$/u.test(word)) {
      const reading = invertedOpening(scope, sentence, { text: word, start: at, end: at + word.length });
      if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      continue;
    }
    // "Democratic voters see {Clinton as the stronger candidate}": a view, only with its "as".
    const lexical =
      cueFrame(word) ??
      (isHeadline(scope) ? headlineCueFrame(word) : undefined) ??
      (SEE_AS.test(word) && AS_AHEAD.test(text.slice(at + word.length, sentence.end)) ? 'stance' : undefined) ??
      (isHeldView(word, text.slice(at + word.length, at + word.length + 5)) && PASSIVE.test(text.slice(Math.max(sentence.start, at - 30), at)) ? 'stance' : undefined) ??
      (isInfinitiveCue(text, at, word) ? 'stance' : undefined);
    const frame = lexical ?? (isThatCue(text, at, word) ? 'report' : undefined);
    if (!frame) continue;
    // "475 pledged delegates", "the proposed rule", "Trump's pointed critique": an adjective.
    const preceding = text.slice(Math.max(sentence.start, at - 30), at);
    if (/ed$/u.test(word) && MODIFIER_BEFORE.test(preceding)) continue;
    // "Based on estimates by …", "the claims": a plural noun, not a verb.
    if (/[^s]s$/u.test(word) && NOUN_BEFORE.test(preceding)) continue;
    // "That said, …" is a linking phrase, not speech.
    if (/^said$/iu.test(word) && /(?:^|[,;]\s*)(?:that|this|having|all\s+that)\s+$/iu.test(text.slice(sentence.start, at)) && /^,/u.test(text.slice(at + 4, at + 5))) continue;
    // "pledged delegates", "charged with fraud", "no doubt": no one's words follow (see the map).
    if (NOT_SPEECH_AFTER.get(word.toLowerCase())?.test(text.slice(at + word.length, at + word.length + 14))) continue;
    if (/^doubt$/iu.test(word) && /\b(?:no|little|without|beyond)\s+$/iu.test(preceding)) continue;
    // "declined to say whether …", "declined to confirm the buys": what was refused is the
    // content of "declined", "to say" and all.
    if (
      /^(?:say|confirm|discuss|reveal|disclose|specify)$/iu.test(word) &&
      /\b(?:declined|declines|declining|refused|refuses|refusing)\s+to\s+$/iu.test(preceding) &&
      !/^\s+(?:that|in|on|at)\b/iu.test(text.slice(at + word.length, at + word.length + 6))
    )
      continue;
    // "safe to say", "too soon to say", "hard to tell" are idioms; "their say" is a noun.
    if (/^(?:say|tell)$/iu.test(word) && SAY_IDIOM.test(preceding)) continue;
    const cue: Mention = { text: word, start: at, end: at + word.length };
    if (AS_BY_BEFORE.test(text.slice(sentence.start, at)) && /^\s+by\s/u.test(text.slice(at + word.length, at + word.length + 4))) {
      const reading = asReportedBy(scope, sentence, cue);
      if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      continue;
    }
    if (!lexical) {
      const reading = after(scope, sentence, cue, frame, found);
      if (reading) found.push({ ...reading, priority: 1.4, sentenceStart: sentence.start });
      continue;
    }
    const opener = text.slice(sentence.start, at);
    const passive = PASSIVE_ASKED.test(opener);
    if (/^asked$/iu.test(word) && (QUESTION_OPENER.test(opener) || passive)) {
      const reading = question(scope, sentence, cue, passive);
      if (reading) found.push({ ...reading, sentenceStart: sentence.start });
      continue;
    }
    const reading = before(scope, sentence, cue, frame) ?? after(scope, sentence, cue, frame, found);
    // "was first reported by The Post": a passive cue; its agent is no content.
    if (reading && /^by\s/iu.test(text.slice(reading.content.start, reading.content.start + 3))) continue;
    if (reading) found.push({ ...reading, sentenceStart: sentence.start });
  }
  return found;
}

/**
 * Content before the cue, the source next to it: "“…,” she said", "…, said one official",
 * "…, officials say". When the sentence goes on after the source ("“…,” he said, “…”"), the
 * rest is content too.
 */
function before(scope: Scope, sentence: Sentence, cue: Mention, frame: CueFrame): Reading | null {
  if (/ing$/u.test(cue.text)) return null;
  const { text } = scope;
  // The source sits between the last quotation and the cue ("“…,” Rep. Lee (D-Calif.) said").
  const lastQuote = scope.quotes.filter((q) => q.end <= cue.start).at(-1);
  const regionStart = Math.max(sentence.start, lastQuote?.end ?? 0);
  const subject = subjectBefore(text, regionStart, cue.start);
  const subjectOk = subject !== null && subject.end <= cue.start && isShortSource(subject.text);
  const prefix = text.slice(sentence.start, subjectOk ? subject.start : cue.start).trimEnd();
  const prefixEnd = sentence.start + prefix.length;
  // "“….” Trump said." split into two sentences: the quotation just before is the content.
  const closing =
    scope.quotes.find((q) => q.closed && (q.end === prefixEnd || (q.end === prefixEnd - 1 && text[q.end] === ','))) ??
    (prefix === '' ? scope.quotes.find((q) => q.closed && q.end <= sentence.start && !/\S/u.test(text.slice(q.end, sentence.start))) : undefined);
  const quoteClosed = closing !== undefined;
  if (!CONTENT_END.test(prefix) && !quoteClosed) return null;
  let source: Mention | null = subjectOk ? subject : null;
  const sourceBefore = source !== null;
  // "…, records show": a finding comes after its content only with its source before it.
  if (frame === 'evidence' && (!sourceBefore || !EVIDENCE_NOUNS.test(source!.text))) return null;
  let cursor = cue.end;
  if (frame === 'address' && source) {
    const listener = LISTENER.exec(text.slice(cursor, sentence.end));
    if (listener) cursor += listener[0].length;
  }
  if (!source) {
    source = mentionAfter(text, cursor, sentence.end);
    if (!source) return null;
    cursor = source.end;
    // "said Sen. Ann Lee (D-Ore.) in an interview"
    const party = /^\s*\([^()]{1,40}\)/u.exec(text.slice(cursor, sentence.end));
    if (party) cursor += party[0].length;
  }
  const rest = text.slice(cursor, sentence.end);
  const tail = (frame === 'address' && sourceBefore ? LISTENER_TAIL : sourceBefore ? END_TAIL_TO : END_TAIL).exec(rest)?.[0] ?? '';
  const remainder = rest.slice(tail.length);
  let contentStart = closing ? Math.min(closing.start, contentStartBefore(scope, sentence, prefixEnd)) : contentStartBefore(scope, sentence, prefixEnd);
  const contentEndAt = closing ? Math.max(prefixEnd, closing.end) : prefixEnd - trailingPunctuation(prefix);
  // "Pivoting too soon, economists say, limited the recovery": what opened the sentence is the
  // subject of the verb that follows the cue, so it is content.
  const subjectOfNext = VERB_NEXT.test(remainder.replace(/^\s*,\s*/u, '')) && /^\s*,/u.test(remainder);
  if (!quoteClosed && !subjectOfNext) {
    // "After the vote was delayed, the mayor said …", "Asked about it, he said": a clause that
    // opens the sentence is not what was said; the content starts after its comma, if at all.
    const opening = SUBORDINATE_OPENER.test(text.slice(contentStart, contentEndAt)) ? commaAfter(scope, contentStart, contentEndAt) : -1;
    if (opening >= 0) {
      if (wordCount(text.slice(opening, contentEndAt)) < 3) return null;
      contentStart = opening + (/^\s*/u.exec(text.slice(opening))?.[0].length ?? 0);
    } else if (SUBORDINATE_OPENER.test(text.slice(contentStart, contentEndAt))) return null;
  }
  const words = wordCount(text.slice(contentStart, contentEndAt));
  if (words === 0) return null;
  // "The director of the centre, Ina Kirsch, told the AP …": a name set off by commas after a
  // noun phrase with no verb is that phrase's apposition, and the phrase is no content.
  if (!quoteClosed && sourceBefore && /,\s*$/u.test(text.slice(sentence.start, source!.start)) && /^\s*,/u.test(text.slice(source!.end, cue.start)) && !FINITE_VERB.test(text.slice(contentStart, contentEndAt))) return null;
  const direct = quoteClosed || /^\s*(?:["“]|'')/u.test(text.slice(contentStart, contentStart + 3));
  const reading = (end: number): Reading => ({
    cue,
    source,
    content: extendQuote(scope, { start: contentStart, end }, direct, sentence.end, cue),
    direct,
    priority: direct ? 5 : 4,
  });
  // "…, he said" after nothing but an opener ("In a statement, he said") is not content, and
  // a stance verb ("believe") puts its content before it only around itself.
  const ends = /^\s*[.!?]?\s*(?:["”]|'')?\s*$/u.test(remainder);
  // "At the time, Cruz told NBC News that …": an opener is not content, unless the sentence
  // goes on after the cue with what the opener began ("This campaign, he says, is different").
  const openerOnly = !quoteClosed && OPENER.test(prefix);
  if (openerOnly && ends) return null;
  if (ends && frame !== 'stance' && (quoteClosed || words >= 3)) return reading(contentEndAt);
  if (ends) return null;
  const split = /^\s*[,;:—–]\s*/u.exec(remainder);
  // "“…,” Trump said 30 minutes into the debate.": the rest says when, not what.
  // "“…,” said a longtime adviser who has worked for …": the rest describes the source.
  // "“….” Lee said the pier would close.": after a quotation in the sentence before, a clause
  // after the cue is its own content, not a setting.
  const ownClause = prefix === '' && CLAUSE_START.test(remainder);
  if (!split) return quoteClosed && frame !== 'stance' && (!sourceBefore || (SETTING.test(remainder) && !ownClause)) ? reading(contentEndAt) : null;
  let continuation = cursor + tail.length + split[0].length;
  let next = text.slice(continuation, sentence.end);
  if (direct && !/^(?:["“]|'')/u.test(next)) {
    // "“…,” said Ann Lee, a lawyer in Ohio, “and …”" and "“…,” she said, and “…”": the
    // quotation goes on after an apposition or an "and".
    const aside = /^(?:[^“”";:]{0,160}?,\s*)?(?:and\s+)?(?=["“]|'')/u.exec(next);
    const skipped = { start: continuation, end: continuation + (aside?.[0].length ?? 0) };
    if (aside && !hasCueOutsideQuotes(text, skipped, scope.quotes, undefined, true)) {
      continuation = skipped.end;
      next = text.slice(continuation, sentence.end);
    }
  }
  // "Asked about it, she said, “…”": the quotation is what she said, not the opener; and
  // "“…” He added, “…”" introduces the new quotation, not the one before.
  if ((!direct || prefix === '') && /^(?:["“]|'')/u.test(next)) return null;
  if (openerOnly && !VERB_NEXT.test(next)) return null;
  if (!continues(next, direct, sourceBefore)) return frame !== 'stance' && (quoteClosed || words >= 3) ? reading(contentEndAt) : null;
  const end = contentEndOf(scope, sentence, continuation);
  if (frame === 'stance' && direct) return null;
  return reading(direct ? end : clauseEnd(scope, continuation, end));
}

/**
 * Words after a cue that make it no speech at all: "pledged delegates", "reported from Kabul",
 * "adding to the confusion", "backed by donors", "a show of force", "appeared on CNN", "think
 * tank", "the backing of many Democrats"; and "charged" is speech only as "charged that …".
 */
const NOT_SPEECH_AFTER = new Map<string, RegExp>([
  ['think', /^\s+tanks?\b/iu],
  ['backing', /^\s+(?:of|from)\b/iu],
  ['charged', /^(?!\s+that\b)/u],
  ['pledged', /^\s+delegates?\b/iu],
  ['reported', /^\s+from\b/iu],
  ['adding', /^\s+to\b/iu],
  ['backed', /^\s+by\b/iu],
  ['show', /^\s+of\b/iu],
  ['appeared', /^\s+on\b/iu],
  // "spoke about the need for …" names a topic; "spoke at the rally", "spoke to reporters" none.
  ['spoke', /^(?!\s+(?:about|of)\b)/u],
  ['speaks', /^(?!\s+(?:about|of)\b)/u],
  // "appear to be fabricated" is an impression; "to appear at the convention" is none.
  ['appear', /^(?!\s+to\b)/u],
  // "Critics call it a tax" names a view; "a phone call", "call on donors" do not.
  ['call', /^(?!\s+(?:him|her|it|this|that|them|themselves|himself|herself|\p{Lu})(?![\p{L}’'])\S*\s+(?!out\b|up\b|back\b|for\b|on\b))/u],
]);

/** What before "say" or "tell" makes it an idiom or a noun: "safe to say", "their say". */
const SAY_IDIOM = /(?:\b(?:safe|hard|fair|easy|difficult|impossible|early|soon|needless|suffice\s+it)\s+to|\b(?:his|her|their|its|our|my|your|a|the|final|last)|['’]s)\s+$/iu;

/** A word that can be a finite verb: "is", "remains", "were", "announced". */
const FINITE_VERB = /\b(?:is|was|are|were|be|has|have|had|will|would|can|could|should|may|might|must|do|does|did|\p{Ll}+ed|\p{Ll}{2,}[^s\W]s)\b/u;

/** A verb phrase going on after "X, he says,": the words before the cue were its subject. */
const VERB_NEXT = /^(?:is|was|are|were|has|have|had|will|would|could|can|should|may|might|must|does|did|do|remains?|seems?|\p{Ll}+ed|\p{Ll}+s)\b/u;

/** A one-word answer or stand-in for what was said: "said yes", "said so". */
const ANSWER = /^(?:yes|no|so|nothing)$/iu;

/** A sentence that opens with a subordinate clause or a participle ("After …,", "Asked about …,"). */
const SUBORDINATE_OPENER =
  /^(?:(?:but|and|so)\s+)?(?:(?:soon|shortly|just|even|long|only|right)\s+)?(?:after|before|when|whenever|while|as|since|because|although|though|if|unless|once|until|despite|rather\s+than|in\s+addition\s+to|instead\s+of|\p{L}+ing|asked)\b/iu;

/** Just after the first comma in `[start, end)` outside quotations, or -1. */
function commaAfter(scope: Scope, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (scope.text[i] === ',' && !scope.quotes.some((q) => q.start < i && i < q.end)) return i + 1;
  }
  return -1;
}

/**
 * One phrase and its comma opening a sentence before the source of a cue set off by commas
 * ("In Miami, ", "If the demands are not met, "); not a question put to the source ("Asked
 * about it, "), a participle of its own ("Speaking to reporters, "), a dateline, or a linking
 * phrase that gold contents leave out ("Still, he said, …", "In contrast, Berkman said, …").
 */
const FRONTED = /^(?!(?:Asked|Pressed|Questioned|Speaking|Talking|Writing|Responding|According|And\s+yet|Even\s+then|Still|However|Meanwhile|In\s+(?:contrast|particular|fact|addition|the\s+end))\b)\p{Lu}[^,;:“”"—–]{0,120}?(?<!\s-),\s+$/u;
/** An apposition to a source and the verb of the content after it: "historian at the library, is". */
const APPOSITION_THEN_VERB = /^[^,;:“”"]{1,100},\s+(?:is|was|are|were|has|have|had|will|would|could|can|should|may|might|must)\b/u;

/**
 * Whether the words after "…,” he said," go on with what was said ("“…,” he said, “…”";
 * "Those who …, he said, wind up …") rather than adding a detail, an apposition to a source
 * named after the cue ("said Ann Lee, a lawyer") or another clause.
 */
function continues(next: string, direct: boolean, sourceBefore: boolean): boolean {
  if (/^(?:["“]|'')/u.test(next)) return true;
  if (direct) return false;
  // "He had no known affiliations, the airline added, and had passed all checks": the clause
  // goes on with its own subject's next verb.
  if (sourceBefore && /^and\s+(?:had|has|have|was|is|were|are|\p{Ll}+ed)\s/u.test(next)) return true;
  const word = /^([\p{L}’']+)/u.exec(next)?.[1];
  // "The emails were on many topics, the Times said, including speeches": the list goes on.
  if (!word || !/^\p{Ll}/u.test(word) || (/ing$/u.test(word) && !(sourceBefore && /^including$/u.test(word)))) return false;
  if (!sourceBefore && DETERMINER.test(word)) return false;
  // "…, said Robert Egge, executive director of …": after a source named after the cue, only a
  // verb goes on with what was said ("Those who …, said Lee, wind up …"), right away or after
  // the source's apposition ("The paradox, says Carl Anthony, a historian, is that …").
  if (!sourceBefore && !VERB_NEXT.test(word) && !APPOSITION_THEN_VERB.test(next)) return false;
  return !CONTINUATION_STOP.test(word);
}

/** Content after the cue: "X said (that) …", "X told Fox News …", "the poll found …". */
function after(scope: Scope, sentence: Sentence, cue: Mention, frame: CueFrame, earlier: Candidate[]): Reading | null {
  const { text } = scope;
  // "he joked that …", "she wondered whether …": these cues take a clause after them too, but
  // never a bare object ("continued the tour", "mused for a while").
  const clauseNext = !/^continued$/iu.test(cue.text) && /^\s+(?:that|whether|if|about)\s/u.test(text.slice(cue.end, cue.end + 10));
  if (isAfterOnly(cue.text) && !clauseNext && !/^\s*[:,]\s*(?:["“]|'')/u.test(text.slice(cue.end, cue.end + 6))) return null;
  const participle = /ing$/u.test(cue.text) && PARTICIPLE_AT.test(text.slice(sentence.start, cue.start));
  const governed = !participle && /ing$/u.test(cue.text) ? GOVERNED_PARTICIPLE.exec(text.slice(sentence.start, cue.start)) : null;
  let source: Mention | null;
  if (participle || (governed && governed.index > 0)) {
    // "…, while saying that …": the subject of the clause the participle hangs on.
    const main = earlier.filter((c) => c.cue.start < cue.start && c.source).at(-1);
    source = main?.source ?? sentenceSubject(text, sentence, cue.start);
  } else if (/ing$/u.test(cue.text) && WITH_SUBJECT.test(text.slice(sentence.start, cue.start))) {
    // "…, with O’Malley calling Trump a fascist": the words after "with" are the subject.
    const match = WITH_SUBJECT.exec(text.slice(sentence.start, cue.start))!;
    const at = cue.start - match[1]!.length - match[2]!.length;
    source = { text: match[1]!, start: at, end: at + match[1]!.length };
  } else if (governed) {
    // "After thanking the crowd, Sanders said …": the subject of the main clause after the comma.
    const comma = commaAfter(scope, cue.end, sentence.end);
    source = comma > 0 ? sentenceSubject(text, { ...sentence, start: comma }, sentence.end) : null;
  } else {
    source = subjectBefore(text, sentence.start, cue.start);
    // "As the senator noted, …": the subordinator opens the clause, it is not the subject.
    const opener = source ? /^(?:as|if)\s+(?=\S)/iu.exec(source.text) : null;
    if (source && opener) source = { text: source.text.slice(opener[0].length), start: source.start + opener[0].length, end: source.end };
    // "At the bottom it reads": a pronoun after an opening phrase is the subject.
    const pronoun = source ? /^(?:at|in|on|during|after|before|for|from|with|by|under|over|later|then)\s[^,]*\s(he|she|it|they|we|I)$/iu.exec(source.text) : null;
    if (source && pronoun) source = { text: pronoun[1]!, start: source.end - pronoun[1]!.length, end: source.end };
    if (source && !isSource(source.text)) source = null;
    if (!source && COORDINATED.test(text.slice(sentence.start, cue.start))) {
      // "X launched an ad and announced …": the subject of the first verb.
      const main = earlier.filter((c) => c.cue.start < cue.start && c.source).at(-1);
      source = main?.source ?? sentenceSubject(text, sentence, cue.start);
    }
    if (source && frame !== 'seem' && !/ing$/u.test(cue.text) && !isStanceAdjective(cue.text) && PASSIVE.test(text.slice(source.end, cue.start))) {
      // "Ann Lee was criticized for …", "the bill is expected to pass": with no agent the passive
      // names no source, and what its subject is said to be or do is the content, subject and all.
      return passiveReading(scope, sentence, cue, frame, source);
    }
  }
  // "After X announced that …, Y did …": the content ends with the subordinate clause, and
  // the source is who the subordinate clause is about.
  const clauseOpener = source ? lastSubordinator(text.slice(sentence.start, source.end)) : -1;
  // "Smith, who said that …, left": the content ends with the relative clause.
  const subordinate = clauseOpener >= 0 || (governed !== null && governed.index === 0) || (source !== null && /^(?:who|which)$/iu.test(source.text));
  if (source && subordinate) {
    const cut = sentence.start + clauseOpener;
    if (cut > source.start) source = { text: text.slice(cut, source.end), start: cut, end: source.end };
  }
  if (!source) return null;
  // "the wall, which he said Mexico should pay for": the relative clause is the content.
  const relative = relativeOpening(text, sentence.start, source);
  if (relative) source = relative.source;
  // "the bridge, which the mayor defended, is closed", "a plan that voters oppose": the
  // pronoun stands for what they hold, and is the whole content.
  const object = relative ?? relativeOpening(text, sentence.start, source, true);
  if (object && OBJECT_GAP.test(text.slice(cue.end, sentence.end))) {
    const pronoun = /^\p{L}+/u.exec(text.slice(object.start))![0];
    return { cue, source: object.source, content: { start: object.start, end: object.start + pronoun.length }, direct: false, priority: 2 };
  }
  // "the hit CW show", "Tiegen found both issues …": a finding needs a document, poll or study.
  if (frame === 'evidence' && /^(?:he|she|i|we|you)$/iu.test(source.text)) return null;
  // "the hit CW show, but …", "the reality TV show “The Apprentice”": a programme, not a finding.
  if (/^shows?$/iu.test(cue.text) && /^\s*(?:[,“"(]|$)/u.test(text.slice(cue.end, cue.end + 3))) return null;
  if (frame === 'evidence' && /^\s+(?:up|off)\b/u.test(text.slice(cue.end, cue.end + 5))) return null;
  if (frame === 'seem') return impression(scope, sentence, cue, source);
  if (frame !== 'stance' && /^\W*(?:(?:but|and|so)\s+)?as\s+$/iu.test(text.slice(sentence.start, source.start))) return asSaid(scope, sentence, cue, source);
  let cursor = cue.end;
  const particle = PARTICLE.exec(text.slice(cursor, cursor + 16));
  const prepositional = TO_OBJECT.test(cue.text) && /^\s+to\b/u.test(particle?.[0] ?? '');
  if (particle && (prepositional || ((frame === 'stance' || /^\s+(?:about|for|of|against|on|with|up)\b/u.test(particle[0])) && !INFINITIVE.test(text.slice(cursor, cursor + 40))))) cursor += particle[0].length;
  if (frame === 'address') {
    // "told the council on Friday that …": whoever heard it comes before the "that".
    const listener = LISTENER_THAT.exec(text.slice(cursor, sentence.end)) ?? LISTENER.exec(text.slice(cursor, sentence.end));
    // "urged him to resign", "asked them to support another candidate": the person asked and
    // the infinitive are together what was asked for.
    const asked = ASKING.test(cue.text) && listener && /^\s+(?:him|her|them|us|me|you)$/u.test(listener[0]) && /^\s+(?:not\s+)?to\s+\p{Ll}/u.test(text.slice(cursor + listener[0].length, cursor + listener[0].length + 12));
    if (listener && !asked) cursor += listener[0].length;
  }
  if (VOICING.test(cue.text)) {
    const voiced = VOICED_NOUN.exec(text.slice(cursor, sentence.end));
    if (voiced && (/\b(?:about|for|over|in|with|on|regarding)$/u.test(voiced[0]) || /^\s+that\s/u.test(text.slice(cursor + voiced[0].length, cursor + voiced[0].length + 6)))) cursor += voiced[0].length;
  }
  // "derided and insulted “the professional left”", "endorsed and has fundraised for her
  // challenger": a second verb sharing the object finishes the cue.
  const paired = /ed$/u.test(cue.text) ? PAIRED_VERB.exec(text.slice(cursor, sentence.end)) : null;
  if (paired) cursor += paired[0].length;
  const tail = TAIL.exec(text.slice(cursor, sentence.end)) ?? DAY_TAIL.exec(text.slice(cursor, sentence.end));
  if (tail) cursor += tail[0].length;
  // "told Congress when asked about it: “…”": the quotation after the colon is the content.
  const colon = /^[^.!?:;,“”"]{0,100}?:\s*(?=["“]|'')/u.exec(text.slice(cursor, sentence.end));
  if (colon && (frame === 'report' || frame === 'address')) cursor += colon[0].length;
  const lead = /^\s*[:,]?\s*/u.exec(text.slice(cursor, sentence.end))![0];
  let start = cursor + lead.length;
  // "reminded viewers about his job", "sounded a cautious note about the report": a few words
  // and a preposition finish the cue phrase; what it is about is the content.
  const topic = TOPIC.exec(text.slice(start, sentence.end));
  if (topic && frame !== 'evidence') start += topic[0].length;
  // "told his supporters, “our nation is …”", "asks at Western High School, “Any questions?”":
  // a few words naming the listener or the occasion, a comma, and the quotation that is the content.
  const addressee = ADDRESSEE.exec(text.slice(start, sentence.end));
  if (addressee && frame !== 'evidence') start += addressee[0].length;
  const quoteNext = /^(?:["“]|'')/u.test(text.slice(start, start + 2));
  if (start >= sentence.end && /:\s*$/u.test(text.slice(cue.end, sentence.end)) && scope.next) {
    // "He said:" closing its paragraph: the quotation is the next paragraph.
    const first = scope.next.quotes[0];
    if (!first || first.start !== scope.next.paragraph.start) return null;
    const content = quoteRun(scope.next.quotes, first, scope.next.paragraph, text);
    return { cue, source, content, direct: true, priority: 5 };
  }
  let end = contentEndOf(scope, sentence, start);
  if (subordinate) end = Math.min(end, clauseEnd(scope, start, end));
  if (source.start < cue.start && /^(?:who|which)$/iu.test(source.text)) end = Math.min(end, relativeEnd(scope, start, end));
  if (end <= start) return null;
  // "72 percent said yes", "he said so": a one-word answer is what was said too.
  if (wordCount(text.slice(start, end)) < (frame === 'stance' || ANSWER.test(text.slice(start, end)) ? 1 : 2)) return null;
  const inside = scope.quotes.find((q) => q.start <= start && start < q.end);
  if (inside) start = Math.min(start, inside.start);
  if (quoteNext) {
    // "X said: “…”" is the quotation, not what the sentence adds after it.
    const run = quoteRun(scope.quotes, inside!, scope.paragraph, text);
    if (/[,.!?]\s*(?:["”]|'')$/u.test(text.slice(start, run.end)) && run.end < end) end = run.end;
  }
  if (relative) {
    // ", which officials said will start in May, will not …": a clause set off by commas ends at the next one.
    const comma = relative.parenthetical ? commaAfter(scope, start, end) : -1;
    if (comma > start) end = comma - 1;
    start = relative.start;
  }
  // "In his state, Christie said, the ferries run on time", "If the demands are not met, Mr.
  // Taylor warned, the pilots will strike": a phrase set off before the source is part of what
  // was said, so the content starts with the sentence and runs through the cue.
  if (!relative && !quoteNext && source.start < cue.start && /^,\s/u.test(text.slice(cue.end, cue.end + 2)) &&
      FRONTED.test(text.slice(sentence.start, source.start)) && /^\s+(?:\p{Ll}+ly\s+)?$/u.test(text.slice(source.end, cue.start))) start = sentence.start;
  const content = extendQuote(scope, { start, end }, quoteNext, sentence.end, cue);
  // A poll or document's finding is as sure a reading as speech: "A Bloomberg poll showed that
  // 72 percent of voters said …" keeps its whole finding around the cue inside it.
  const strong = frame === 'report' || frame === 'address' || (frame === 'evidence' && EVIDENCE_NOUNS.test(source.text));
  // "A poll found that 70 percent of voters said they …": what a share of those asked said is
  // the poll's finding, so the poll's reading keeps it and the share's gives way.
  const priority = strong && SHARE_SOURCE.test(source.text) ? SHARE_PRIORITY : strong ? 3 : 2;
  return { cue, source, content, direct: quoteNext && contentIsQuote(scope, content), priority };
}

/** A share of people polled: "70 percent of registered Latino voters", "31% of Republicans", "three times as many African-Americans". */
const SHARE_SOURCE = /^(?:(?:just|only|about|roughly|nearly|almost|some|over|under|more\s+than|fewer\s+than|less\s+than)\s+)*(?:\d[\d.,]*\s*(?:%|percent\b)|(?:\w+\s+times\s+)?as\s+many\b)/iu;
/** Level with a poll's finding (2): the poll's cue comes first ("In a poll, 61 percent said"), so its reading wins. */
const SHARE_PRIORITY = 2;

/** "As Dell said last week, “…”": what was said is the main clause after the comma. */
function asSaid(scope: Scope, sentence: Sentence, cue: Mention, source: Mention): Reading | null {
  const { text } = scope;
  const comma = /^[^,;:.!?“”"]{0,80},\s*/u.exec(text.slice(cue.end, sentence.end));
  if (!comma) return null;
  const start = cue.end + comma[0].length;
  const end = contentEndOf(scope, sentence, start);
  if (wordCount(text.slice(start, end)) < 3) return null;
  const direct = /^(?:["“]|'')/u.test(text.slice(start, start + 2));
  return { cue, source, content: extendQuote(scope, { start, end }, direct, sentence.end, cue), direct, priority: 4 };
}

/** "As first reported by", "…, as noted by": a cue whose agent, after "by", is the source. */
const AS_BY_BEFORE = /(?:^|,\s*|\s[—–]\s*)[Aa]s\s+(?:(?:first|previously|originally|earlier|also|widely)\s+)?$/u;

/**
 * "As reported by Western Journalism, investigators found …" and "…, as first reported by the
 * Times": the agent is the source and the main clause, after or before, the content. On the
 * PolNeAR training split 8 of 9 "as (first) reported/noted/described by" are gold cues.
 */
function asReportedBy(scope: Scope, sentence: Sentence, cue: Mention): Reading | null {
  const { text } = scope;
  const by = /^\s+by\s+/u.exec(text.slice(cue.end, sentence.end))!;
  const agentAt = cue.end + by[0].length;
  const prefix = text.slice(sentence.start, cue.start);
  if (/^\s*(?:(?:but|and)\s+)?[Aa]s\s+(?:\p{Ll}+\s+)?$/u.test(prefix)) {
    // The opener: the agent runs to its comma, and the clause after it is the content.
    const comma = /^([^,;:“”"]{1,80}?)\s*,\s*/u.exec(text.slice(agentAt, sentence.end));
    if (!comma) return null;
    const source = { text: comma[1]!, start: agentAt, end: agentAt + comma[1]!.length };
    const start = agentAt + comma[0].length;
    const end = contentEndOf(scope, sentence, start);
    if (wordCount(text.slice(start, end)) < 3) return null;
    const direct = /^(?:["“]|'')/u.test(text.slice(start, start + 2));
    return { cue, source, content: extendQuote(scope, { start, end }, direct, sentence.end, cue), direct, priority: 4 };
  }
  const source = mentionAfter(text, agentAt, sentence.end);
  if (!source) return null;
  const as = AS_BY_BEFORE.exec(prefix)!;
  const trimmed = text.slice(sentence.start, sentence.start + as.index).trimEnd();
  const end = sentence.start + trimmed.length - trailingPunctuation(trimmed);
  const start = contentStartBefore(scope, sentence, end);
  if (wordCount(text.slice(start, end)) < 3) return null;
  return { cue, source, content: { start, end }, direct: false, priority: 4 };
}

/** "Said Comey, “…”": the cue opens the sentence, the source follows, then the quotation. */
function invertedOpening(scope: Scope, sentence: Sentence, cue: Mention): Reading | null {
  const { text } = scope;
  const source = mentionAfter(text, cue.end, sentence.end);
  if (!source) return null;
  const quote = scope.quotes.find((q) => q.start > source.end && q.start < sentence.end);
  if (!quote || /["“”]/u.test(text.slice(source.end, quote.start))) return null;
  const content = extendQuote(scope, quoteRun(scope.quotes, quote, scope.paragraph, text), true, sentence.end, cue);
  return { cue, source, content, direct: true, priority: 5 };
}

/** "Trump's call for a ban on …": the possessor said it; the content is the rest of the clause. */
function nominalReading(scope: Scope, sentence: Sentence, cue: Mention, source: Mention, start: number): Reading | null {
  const { text } = scope;
  let end = clauseEnd(scope, start, contentEndOf(scope, sentence, start));
  // "Clinton’s comments on the shooting drew fire": the sentence's own verb ends the content.
  // "Trump's claim that his net worth exceeds $10 billion": a "that" clause has its own verb
  // first, and the sentence's comes after it.
  const verbs = [...text.slice(start, end).matchAll(MAIN_VERBS)];
  const verb = verbs[/^that\s/u.test(text.slice(start, start + 5)) ? 1 : 0];
  if (verb && !scope.quotes.some((q) => q.start < start + verb.index && start + verb.index < q.end)) end = start + verb.index;
  if (wordCount(text.slice(start, end)) < 2) return null;
  return { cue, source, content: { start, end }, direct: false, priority: 1.3 };
}

/** The finite verbs that follow a noun phrase: "… drew fire", "… was criticised". */
const MAIN_VERBS = /\s(?=(?:is|was|are|were|has|have|had|will|would|can|could|may|might|should|did|does|do|drew|made|came|went|got|became)\b)/gu;

/** Offset in `before` just after its last subordinating word ("after", "when"), or -1. */
function lastSubordinator(before: string): number {
  let at = -1;
  for (const match of before.matchAll(SUBORDINATOR)) {
    const preceding = before.slice(0, match.index);
    // "as" in "such as", "as well as" does not open a clause.
    if (/^as$/iu.test(match[0].trim()) && /(?:such|well|so)\s*$/iu.test(preceding)) continue;
    at = match.index + match[0].length;
  }
  return at;
}

/** "which" or "what" right before a source, or at the end of what was read as the source. */
const RELATIVE_BEFORE = /\b(?:which|what)\s+$/iu;
/** A preposition right before a relative pronoun: "in which", "at which", "against what". */
const AFTER_PREPOSITION = /\b(?:in|at|on|during|for|with|by|from|under|after|before|against|about|of|to|over|through)\s+$/iu;
const RELATIVE_IN = /(?:^|\s)((?:which|what)\s+)(?=\S)/giu;
/** The same with the pronouns that only open a clause whose object is missing ("a plan that voters oppose"). */
const OBJECT_RELATIVE_BEFORE = /\b(?:which|what|who|whom|that)\s+$/iu;
const OBJECT_RELATIVE_IN = /(?:^|\s)((?:which|what|who|whom|that)\s+)(?=\S)/giu;
/** Nothing after a cue but punctuation or when and where: its object is the relative pronoun before. */
const OBJECT_GAP =
  /^(?:\s*(?:[,.;:!?)”"]|[—–]|$)|\s+(?:in|at|on|during|last|this|recently|earlier|later|previously|yesterday|today|when|after|before|because)\b)/u;

/**
 * "the wall, which he said Mexico should pay for", "what she said is growing demand": PolNeAR
 * takes the whole relative clause as the content, its pronoun, source and cue included
 * ("which he believes will …"; on the training split a gold content starts with such a
 * "which"/"what" 60-odd times where the content after the cue alone was read). The source is
 * the words after the pronoun; `parenthetical` when a comma sets the clause off.
 */
function relativeOpening(text: string, sentenceStart: number, source: Mention, object = false): { start: number; source: Mention; parenthetical: boolean } | null {
  const lead = text.slice(sentenceStart, source.start);
  const before = (object ? OBJECT_RELATIVE_BEFORE : RELATIVE_BEFORE).exec(lead);
  // "an interview in which he says he will …", "railed against what he calls …": after a
  // preposition the pronoun is not what was said, and the content is the words after the cue.
  if (before && AFTER_PREPOSITION.test(lead.slice(0, before.index))) return null;
  if (before) {
    const start = sentenceStart + before.index;
    return { start, source, parenthetical: /,\s*$/u.test(text.slice(sentenceStart, start)) };
  }
  const inside = [...source.text.matchAll(object ? OBJECT_RELATIVE_IN : RELATIVE_IN)].at(-1);
  if (!inside) return null;
  const start = source.start + inside.index + inside[0].length - inside[1]!.length;
  const words = start + inside[1]!.length;
  if (words >= source.end) return null;
  return {
    start,
    source: { text: text.slice(words, source.end), start: words, end: source.end },
    parenthetical: /,\s*$/u.test(text.slice(sentenceStart, start)),
  };
}

/** A comma and the main clause's verb after a relative clause: "…, said", "…, is". */
const MAIN_AFTER_RELATIVE = /,\s+(?:\p{Ll}+ly\s+|also\s+)?(\p{Ll}+)\b/gu;
const AUXILIARY = /^(?:is|was|are|were|has|have|had|will|would|could|can|should|may|might|must)$/u;

/**
 * Where the content of a cue in a relative clause ends: at the comma before the verb of the
 * clause it hangs on ("Barkley, who said {he typically votes Democratic}, said one candidate …").
 */
function relativeEnd(scope: Scope, start: number, end: number): number {
  for (const match of scope.text.slice(start, end).matchAll(MAIN_AFTER_RELATIVE)) {
    const at = start + match.index;
    const word = match[1]!;
    const frame = cueFrame(word);
    // "who said that the two men, and Cruz in particular, must do more": an auxiliary after an
    // aside of the content's own is the content's verb.
    const main = frame === 'report' || frame === 'address' || (AUXILIARY.test(word) && !scope.text.slice(start, at).includes(','));
    if (main && !scope.quotes.some((q) => q.start < at && at < q.end)) return at;
  }
  return end;
}

/** The end of the clause that starts at `start`: its first comma outside quotations. */
function clauseEnd(scope: Scope, start: number, end: number): number {
  for (const match of scope.text.slice(start, end).matchAll(NEW_CLAUSE)) {
    const at = start + match.index;
    if (!scope.quotes.some((q) => q.start < at && at < q.end)) return at;
  }
  return end;
}

/**
 * "The race appears closer", "It is expected to show …": an impression that names no source,
 * whose content takes in its subject.
 */
function impression(scope: Scope, sentence: Sentence, cue: Mention, subject: Mention, passive = false): Reading | null {
  const { text } = scope;
  if (!passive && /^expected$/iu.test(cue.text) && !PASSIVE.test(text.slice(subject.end, cue.start))) return null;
  const end = clauseEnd(scope, cue.end, contentEndOf(scope, sentence, cue.end));
  if (wordCount(text.slice(cue.end, end)) < 2) return null;
  // "It seems likely that Trump wins": an empty "it" is no part of the impression, which is
  // what follows the cue; "It appeared to undercut …" and "it seems like …" keep theirs, but
  // "It is expected to rise" is an expectation of the rise, "to" and all.
  const after = (/^expected$/iu.test(cue.text) ? /^\s+/u : /^\s+(?!(?:to|like|as)\b)/u).exec(text.slice(cue.end, end))?.[0].length ?? 0;
  const start = after > 0 && /^it$/iu.test(subject.text.trim()) ? cue.end + after : subject.start;
  return { cue, source: null, content: { start, end }, direct: false, priority: 1.5 };
}

/**
 * "The FBI is reportedly making arrangements to …": news reports, unnamed, are the source; the
 * clause the adverb sits in, its subject with it, is the content. On the PolNeAR training split
 * 18 of 27 "reportedly" are gold cues. Another cue in the clause ("Trump reportedly told aides
 * …") outranks this reading.
 */
function reportedly(scope: Scope, sentence: Sentence, cue: Mention, earlier: Candidate[]): Reading | null {
  const { text } = scope;
  // "Weiner Reportedly Caught …" is a headline; "…, reportedly winning over …" hangs on a clause.
  if ((/^R/u.test(cue.text) && cue.start !== sentence.start) || /,\s*$/u.test(text.slice(sentence.start, cue.start))) return null;
  let subject = subjectBefore(text, sentence.start, cue.start);
  // "Whitman is a Republican, but has reportedly been critical": the first verb's subject.
  if (!subject && COORDINATED.test(text.slice(sentence.start, cue.start).replace(/\s+has$|\s+have$|\s+had$|\s+is$|\s+was$/u, ''))) {
    subject = earlier.filter((c) => c.cue.start < cue.start && c.source).at(-1)?.source ?? sentenceSubject(text, sentence, cue.start);
  }
  if (!subject || !isSource(subject.text) || /^(?:who|which|that)$/iu.test(subject.text)) return null;
  const opener = lastSubordinator(text.slice(subject.start, subject.end));
  const start = opener >= 0 ? subject.start + opener : subject.start;
  if (start >= subject.end) return null;
  const reading = impression(scope, sentence, cue, { text: text.slice(start, subject.end), start, end: subject.end }, true);
  // "… to interview Clinton as it nears …", "…, leaving progressives fearful": what the report
  // says ends before a clause about its circumstances or a participle of its result.
  const tail = reading ? REPORTED_TAIL.exec(text.slice(cue.end, reading.content.end)) : null;
  if (reading && tail && !scope.quotes.some((q) => q.start < cue.end + tail.index && cue.end + tail.index < q.end)) reading.content.end = cue.end + tail.index;
  return reading;
}

/** Where a reported clause ends: ", leaving …", " as it …", a closing parenthesis. */
const REPORTED_TAIL = /,\s+(?!including\b)\p{Ll}+ing\b|\s+(?:as|while|because)\s+(?:it|he|she|they|we)\b|\)/u;

/**
 * Cues whose agentless passive attributes on the PolNeAR training split at least 30% of the
 * time with exactly the span {@link passiveReading} reads (3 or more readings each); others
 * ("was called", "was reported", "was offered") mostly name no one's words, and "was
 * announced", "was shown" report an event as often as a view.
 */
const PASSIVE_CUES = /^(?:accused|declared|nominated|named|identified|described|mentioned|favored)$/iu;

/**
 * "is seen as", "was known for", "are believed to": a passive that says what people hold of
 * its subject. On the PolNeAR training split 40 of 82 such phrases are gold cues, 36 of them
 * inside their content.
 */
function isHeldView(word: string, after: string): boolean {
  return /^(?:seen|known|viewed|regarded|perceived|believed|thought|considered)$/iu.test(word) && /^\s+(?:as|for|to)\b/u.test(after);
}

/**
 * "Ann Lee was criticized for …", "the levy is expected to pass": an agentless passive of a
 * cue. What its subject is said to be or do is the content, the subject with it, up to an
 * agent that turns up later ("… unclean by some"). Not for "was told that …", "it was
 * revealed that …", whose content is the clause after, nor for "was criticized by X".
 */
function passiveReading(scope: Scope, sentence: Sentence, cue: Mention, frame: CueFrame, subject: Mention): Reading | null {
  const { text } = scope;
  const rest = text.slice(cue.end, sentence.end);
  const by = /^\s+by\s+/u.exec(rest);
  if (by && frame !== 'address') return agentReading(scope, sentence, cue, subject, cue.end + by[0].length);
  if (!(PASSIVE_CUES.test(cue.text) || isHeldView(cue.text, rest)) || by || /^(?:\s+[^\s,;:]+){0,4}?\s+(?:that|whether)\b/u.test(rest)) return null;
  // "… days after Sanders was announced the winner": the subject starts after the subordinator.
  const opener = lastSubordinator(text.slice(subject.start, subject.end));
  const start = opener >= 0 ? subject.start + opener : subject.start;
  if (start >= subject.end) return null;
  const reading = impression(scope, sentence, cue, { text: text.slice(start, subject.end), start, end: subject.end }, true);
  if (!reading) return null;
  const agent = /\s+by\s/u.exec(text.slice(cue.end, reading.content.end));
  if (agent && !scope.quotes.some((q) => q.start < cue.end + agent.index && cue.end + agent.index < q.end)) reading.content.end = cue.end + agent.index;
  return reading;
}

/**
 * "O’Malley’s move was first reported by MSNBC", "the plan was criticized by the council": the
 * agent after "by" is the source and the subject the content.
 */
function agentReading(scope: Scope, sentence: Sentence, cue: Mention, subject: Mention, agentAt: number): Reading | null {
  const { text } = scope;
  const found = mentionAfter(text, agentAt, sentence.end);
  if (!found) return null;
  // "by the council of hiding the costs", "by rivals for failing …": the agent ends before what it said.
  const tail = /\s+(?:of|for|over|about|as|in|on|at|after|during)\s+(?!\p{Lu})/u.exec(found.text);
  const source = tail ? { text: found.text.slice(0, tail.index), start: found.start, end: found.start + tail.index } : found;
  const opener = lastSubordinator(text.slice(subject.start, subject.end));
  const start = opener >= 0 ? subject.start + opener : subject.start;
  if (start >= subject.end || !isSource(text.slice(start, subject.end))) return null;
  return { cue, source, content: { start, end: subject.end }, direct: false, priority: 1.5 };
}

/** "Asked whether …, she said": the question put to the source, who is named later. */
function question(scope: Scope, sentence: Sentence, cue: Mention, inside = false): Reading | null {
  const { text } = scope;
  let start = cue.end;
  const about = /^\s+(?:\p{Ll}+ly\s+)?(?:about|by\s+[^,]{1,40}?\s+(?=if|whether|about|what|why|how|who))?/u.exec(text.slice(start, sentence.end));
  start += about?.[0].length ?? 0;
  start += /^[\s,:]*/u.exec(text.slice(start, sentence.end))![0].length;
  let end = sentence.end;
  for (let i = start; i < sentence.end; i++) {
    if (text[i] === ',' && !scope.quotes.some((q) => q.start < i && i < q.end)) {
      end = i;
      break;
    }
  }
  if ((end === sentence.end && !inside) || wordCount(text.slice(start, end)) < 2) return null;
  if (end === sentence.end) end = trimEnd(text, start, end, scope.quotes);
  return { cue, source: null, content: { start, end }, direct: false, priority: 3 };
}

/** "In a Des Moines Register poll last month, " opening a sentence: the poll is the source. */
const POLL_OPENER = /^In\s+((?:a|an|the)\b[^,;:“”"]{0,80}?\b(?:poll|survey)\b[^,;:“”"]{0,60}?)\s*,\s*/u;

/** "In a CBS News poll, she led Mr. Sanders 56 percent to 32 percent": what the poll found. */
function pollOpener(scope: Scope, sentence: Sentence, cue: Mention): Reading | null {
  const { text } = scope;
  const match = POLL_OPENER.exec(text.slice(sentence.start, sentence.end));
  if (!match) return null;
  const sourceStart = sentence.start + match[0].indexOf(match[1]!);
  const source = { text: match[1]!, start: sourceStart, end: sourceStart + match[1]!.length };
  const start = sentence.start + match[0].length;
  const end = contentEndOf(scope, sentence, start);
  if (wordCount(text.slice(start, end)) < 3) return null;
  return { cue, source, content: { start, end }, direct: false, priority: 2 };
}

/**
 * "… in a CNN poll last month." closing a sentence: the poll is the source of what the clause
 * before says ("Clinton held a 24-point lead among black voters in a CNN poll").
 */
const POLL_AFTER = /^in\s+((?:(?:a|an|the|this|that|these|those|their|his|her|its|most|several|some|many|recent|national|new|latest|every|each|all)\s+)?(?:[\p{L}\p{N}.’'&/-]+\s+){0,6}?(?:polls?|surveys?|polling)(?:\s+(?:of|by|from|conducted|released|taken|published|last|this|on|in)\b[^,;:“”"]{0,50}?)?)\s*(?=[.;!?]?\s*$|,\s)/u;

/** How far after "in" the poll phrase and what ends it may lie. */
const POLL_WINDOW = 240;
const GENERIC_POLLS = /^(?:the\s+)?(?:(?:national|state|early|latest|recent|most|many|some|several|republican|democratic|gop)\s+)?(?:polls|polling|surveys)$/iu;

const POLL_TIME_OPENER = /^(?:(?:But|And|Still|Yet)\s+)?(?:In|By|On|At|During|After|Before|Since|As\s+of|Last|This|Earlier|Nationally|Overall)\b[^,;:“”"]{0,60},\s+/u;

function pollAfter(scope: Scope, sentence: Sentence, cue: Mention): Reading | null {
  const { text } = scope;
  // The poll phrase ends the sentence or its clause within a few words: look no further.
  const windowEnd = Math.min(sentence.end, cue.start + POLL_WINDOW);
  const match = POLL_AFTER.exec(text.slice(cue.start, windowEnd));
  // A cut-off window ends no sentence: only a comma after the phrase counts there.
  if (!match || (windowEnd < sentence.end && !/^\s*,\s/u.test(text.slice(cue.start + match[0].length, windowEnd)))) return null;
  const sourceStart = cue.start + match[0].indexOf(match[1]!);
  const source = { text: match[1]!, start: sourceStart, end: sourceStart + match[1]!.length };
  // "ahead in the polls", "heads to the polls": the polls in general, no one poll's finding.
  if (GENERIC_POLLS.test(source.text) || /\b(?:head|heads|headed|go|goes|went|going)\s+to\s*$/iu.test(text.slice(sentence.start, cue.start))) return null;
  const before = text.slice(sentence.start, cue.start).trimEnd();
  const end = sentence.start + before.length - trailingPunctuation(before);
  let start = contentStartBefore(scope, sentence, end);
  // "Though he trails nationally, Sanders has led …": the opening clause is no finding.
  if (SUBORDINATE_OPENER.test(text.slice(start, end))) {
    const comma = commaAfter(scope, start, end);
    if (comma < 0) return null;
    start = comma + (/^\s*/u.exec(text.slice(comma))?.[0].length ?? 0);
  }
  // "In March, Cruz had 38 percent": a phrase of time or place that opens it is no finding either.
  const opener = POLL_TIME_OPENER.exec(text.slice(start, end));
  if (opener && wordCount(text.slice(start + opener[0].length, end)) >= 4) start += opener[0].length;
  if (wordCount(text.slice(start, end)) < 4 || scope.quotes.some((q) => q.start < end && q.end > start)) return null;
  return { cue, source, content: { start, end }, direct: false, priority: 1.2 };
}

/**
 * "To Sharp, Trump is the man who saved her farm": a person or group after an opening "To" and
 * its comma holds the view the clause states (all 7 such openers on the PolNeAR training split
 * are gold cues). Not "To be sure, …", "To date, …": the words after "To" must name people.
 */
const VIEW_OPENER =
  /^\s+((?:many|some|most|others|them|him|her|me|us|critics|supporters|fans|conservatives|liberals|(?:many|some|most)\s+\p{Ll}+)|(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){0,2}(?:,\s+who\b[^,;:“”"]{1,80})?),\s+(?=\S)/u;

function viewOpener(scope: Scope, sentence: Sentence, cue: Mention): Reading | null {
  const { text } = scope;
  const match = VIEW_OPENER.exec(text.slice(cue.end, sentence.end));
  if (!match) return null;
  const sourceStart = cue.end + match[0].indexOf(match[1]!);
  const source = { text: match[1]!, start: sourceStart, end: sourceStart + match[1]!.length };
  const start = cue.end + match[0].length;
  const end = contentEndOf(scope, sentence, start);
  // "To Sanders, his aides and those in attendance, …": a list of holders, not yet the view.
  if (wordCount(text.slice(start, end)) < 4 || !FINITE_VERB.test(text.slice(start, end))) return null;
  const direct = /^(?:["“]|'')/u.test(text.slice(start, start + 2));
  return { cue, source, content: extendQuote(scope, { start, end }, direct, sentence.end, cue), direct, priority: 2 };
}

/** "According to X, …" and "…, according to X". */
function according(scope: Scope, sentence: Sentence, cue: Mention): Reading | null {
  const { text } = scope;
  // "It has not gone unnoticed: According to recent polls, …": a colon opens the reading afresh.
  const colon = /^[^“”"]*:\s+/u.exec(text.slice(sentence.start, cue.start));
  const prefixStart = sentence.start + (colon?.[0].length ?? 0);
  const prefix = text.slice(sentence.start, cue.start);
  const opening = text.slice(prefixStart, cue.start);
  // "According to early results of the exit poll conducted by …, Clinton led": a long source
  // runs to the comma that ends the opener.
  const long = /^\s+([^,;:“”"]{1,160}?)\s*,\s*/u.exec(text.slice(cue.end, sentence.end));
  const opens = long !== null && wordCount(opening) <= 4;
  const source =
    opens && long
      ? { text: long[1]!, start: cue.end + long[0].indexOf(long[1]!), end: cue.end + long[0].indexOf(long[1]!) + long[1]!.length }
      : mentionAfter(text, cue.end, sentence.end, 12, true);
  if (!source) return null;
  const afterSource = text.slice(source.end, sentence.end);
  const opener = /^\s*,\s*/u.exec(afterSource);
  if (opener && wordCount(opening) <= 4) {
    const start = source.end + opener[0].length;
    const end = contentEndOf(scope, sentence, start);
    if (wordCount(text.slice(start, end)) < 2) return null;
    const direct = /^(?:["“]|'')/u.test(text.slice(start, start + 2));
    // "Fundraising, according to the campaign, has surged": the words before are content too.
    const from = wordCount(opening) > 0 && !direct ? prefixStart : start;
    return { cue, source, content: extendQuote(scope, { start: from, end }, direct, sentence.end, cue), direct, priority: 4.5 };
  }
  const trimmed = prefix.trimEnd();
  let end = sentence.start + trimmed.length - trailingPunctuation(trimmed);
  const start = contentStartBefore(scope, sentence, end);
  if (wordCount(text.slice(start, end)) < 3) return null;
  // "One of the decisions, according to X, is to …": the sentence goes on after the source;
  // "…, according to the Human Rights Campaign, an advocacy group" only describes the source.
  if (opener && /,$/u.test(trimmed) && continues(afterSource.slice(opener[0].length), false, false)) {
    end = contentEndOf(scope, sentence, source.end + opener[0].length);
  }
  // "“He hates them,” Hewitt said, according to a transcript": the publication reports the
  // quotation and its framing together, and wins over the quotation's own reading.
  // A quotation that goes on after the sentence ("… according to CNN. “It’s of utmost …”")
  // stays with the speaker's reading, which carries it on.
  const goesOn = scope.quotes.some((q) => q.start >= sentence.end && /^\s*$/u.test(text.slice(sentence.end, q.start)));
  const priority = !goesOn && quotedFrameBefore(scope, start, end) ? QUOTED_FRAME_PRIORITY : 4.5;
  return { cue, source, content: { start, end }, direct: false, priority };
}

/** Above a framed quotation's own reading (5), so "according to" keeps it whole. */
const QUOTED_FRAME_PRIORITY = 5.5;
/** After a closing quotation mark, the short frame that ends the content: "” Hewitt said Monday in Cheyenne". */
const FRAME_AFTER_QUOTE = /^\s*[^“”"]{0,80}$/u;

/**
 * Whether content before "according to" is a quotation and the speech verb that frames it:
 * "“…,” Mr. Pence said during the closed-door session". Sentences of that shape put the whole
 * framed quotation in the content in PolNeAR training text.
 */
function quotedFrameBefore(scope: Scope, start: number, end: number): boolean {
  const { text } = scope;
  const quote = scope.quotes.find((q) => q.closed && q.start >= start && q.end < end && q.start <= start + 2);
  if (!quote) return false;
  const frame = text.slice(quote.end, end);
  if (!FRAME_AFTER_QUOTE.test(frame) || wordCount(frame) > 10) return false;
  return [...frame.matchAll(WORD)].some((w) => cueFrame(w[0]) !== undefined && !/^(?:of|to|in)$/iu.test(w[0]));
}

/** Where content that ends before its cue starts: the sentence, or the quotation it closes. */
function contentStartBefore(scope: Scope, sentence: Sentence, end: number): number {
  let start = sentence.start;
  const closing = scope.quotes.find((q) => q.start < end && end <= q.end + 2 && q.end <= end + 1);
  if (closing && closing.start < start) start = closing.start;
  // "He put it bluntly: “…,” he said": the quotation, not its introduction.
  if (closing && closing.start > start && /:\s*$/u.test(scope.text.slice(start, closing.start))) start = closing.start;
  // A quotation that began in an earlier sentence of the paragraph is content from its start.
  const open = scope.quotes.find((q) => q.start < sentence.start && q.end > sentence.start);
  if (open) start = Math.min(start, open.start);
  else if (!closing) {
    // "I learned that the hard way: when I was 19 …, I wrote": what follows the colon.
    const colon = /^[^“”"]*:\s+/u.exec(scope.text.slice(start, end));
    if (colon && wordCount(scope.text.slice(start + colon[0].length, end)) >= 3) start += colon[0].length;
  }
  return runBack(scope, start === sentence.start ? afterOpener(scope, start, end) : start);
}

/** A dateline: "WASHINGTON (Reuters) - ", "NEW YORK — ", "New York (AFP) – ". */
const DATELINE = /^\p{Lu}[\p{L}.’' ,-]{2,40}?(?:\s*\([\p{Lu}][^()]{0,30}\))?\s*(?:[-—–]+|--)\s+/u;
/** A linking adverb and its comma: "Still, ", "In fact, ", "But even so, ". */
const LINKING = /^(?:(?:But|And|So|Yet)\s+)?(?:still|in\s+fact|however|indeed|meanwhile|even\s+so|overall|instead|also|moreover|nonetheless|nevertheless|of\s+course|in\s+addition|separately|notably|similarly|likewise|thus),\s+/iu;

/**
 * `start` moved past a dateline or a linking adverb that opens the sentence there: content
 * before its source ("Still, most voters …, according to the poll") leaves them out on the
 * PolNeAR training split, while a "But" or a phrase of time stays in as often as not. Three
 * words or more must remain before `end`.
 */
function afterOpener(scope: Scope, start: number, end: number): number {
  const { text } = scope;
  for (let hops = 0; hops < 2; hops++) {
    const rest = text.slice(start, end);
    const match = DATELINE.exec(rest) ?? (/^\p{Lu}/u.test(rest) ? LINKING.exec(rest) : null);
    if (!match || wordCount(text.slice(start + match[0].length, end)) < 3) break;
    start += match[0].length;
  }
  return start;
}

/**
 * Where content that starts at `start` ends: at the end of the sentence, before a following
 * cue clause ("…, adding that …", "… and added that …", "…, according to …"), and after the
 * closing mark of a quotation it is inside.
 */
function contentEndOf(scope: Scope, sentence: Sentence, start: number): number {
  const { text } = scope;
  const body = text.slice(start, sentence.end);
  let end = body.length;
  for (const match of body.matchAll(CLAUSE_LINK)) {
    const at = start + match.index + match[0].length - match[1]!.length;
    if (scope.quotes.some((q) => q.start < at && at < q.end)) continue;
    const word = match[1]!;
    const frame = cueFrame(word);
    const cueClause =
      /^according$/iu.test(word) ||
      (frame !== undefined && frame !== 'evidence' && (/ing$/u.test(word) || /\b(?:and|but)\b/u.test(match[0])));
    if (cueClause && match.index > 0) {
      end = match.index;
      break;
    }
  }
  for (const match of body.slice(0, end).matchAll(SECOND_SPEAKER)) {
    // "Smith said {it was fair}, and Jones said it was not": another speaker, another content.
    const at = start + match.index;
    const frame = cueFrame(match[1]!);
    if (match.index > 0 && frame !== undefined && frame !== 'evidence' && frame !== 'seem' && !scope.quotes.some((q) => q.start < at && at < q.end)) {
      end = match.index;
      break;
    }
  }
  const found = new Map<RegExp, number>();
  const firstAt = (text: string, pattern: RegExp): number => {
    if (!found.has(pattern)) {
      const at = text.search(pattern);
      found.set(pattern, at < 0 ? Infinity : at);
    }
    return found.get(pattern)!;
  };
  for (const stop of body.slice(0, end).matchAll(CLAUSE_STOP)) {
    // A comma inside the closing quotation mark ("“well qualified,” which") stays with it.
    const kept = /^,(?:["”]|'')/u.exec(stop[0])?.[0].length ?? 0;
    const at = start + stop.index + kept;
    // Where the body first has a verb (the content is a clause), found once, not per stop.
    const verbAt = firstAt(body, FINITE);
    if ((butGoesOn(body, stop.index, stop[0]) || whileGoesOn(body, stop.index, stop[0])) && verbAt < stop.index) continue;
    // "he said he has been impressed by her in the past": a time inside a clause is part of it;
    // after a noun phrase ("favorable comments about single-payer care in the past") it is not.
    if (SETTING_AFTER.test(body.slice(stop.index, stop.index + 40)) && firstAt(body, CLAUSAL) < stop.index) continue;
    // "the criticism, which a report outlined, is fair game", "Walker, who charges $20,000, has
    // lost …": a relative clause set off by commas inside the content, its verb after it.
    if (PARENTHETICAL_RELATIVE.test(body.slice(stop.index, stop.index + 160))) continue;
    // "economic inequality, though it existed, was not the flashpoint", "defended the process,
    // though not the results": a concession inside the content, or one that only finishes it.
    // "communities of color -- mainly blacks and Latinos -- and the police": a dash that closes an aside.
    if (/^\s(?:[—–]|--?)\s/u.test(stop[0]) && firstAt(body, DASH) < stop.index) continue;
    const concession = CONCESSION_INSIDE.exec(body.slice(stop.index, stop.index + 100));
    if (concession && !(concession[0].match(/[\p{L}’'-]+/gu) ?? []).some((word) => cueFrame(word) !== undefined)) continue;
    if (stop.index > 0 && !scope.quotes.some((q) => q.start < at && at < q.end)) {
      end = stop.index + kept;
      break;
    }
  }
  const colon = /:\s*(?:["“]|'')/u.exec(body.slice(0, end));
  if (colon && colon.index > 0 && !/^\s*(?:["“]|'')/u.test(body)) end = colon.index;
  let stop = start + end;
  const inside = scope.quotes.find((q) => q.start < stop && stop < q.end);
  if (inside) stop = inside.end;
  return trimEnd(text, start, stop, scope.quotes);
}

const DASH = /\s(?:[—–]|--?)\s/u;
/** A time after content: "in the past", "in the wake of …", "in the last two debates". */
const SETTING_AFTER = /^,?\s+in\s+the\s+(?:past|last|wake|weeks|days|months|years|hours|coming|previous|earlier)(?![\p{L}-])/u;
/** Content with a verb of its own: a finite verb, an infinitive, "said" or "as" after an object. */
const CLAUSAL = /(?:^to\s|\b(?:is|was|are|were|has|have|had|will|would|could|should|can|may|might|must|did|does|do|said|says|say|made|as|\p{Ll}{2,}ed|\p{Ll}+n[’']t)\b)/u;
/** ", though …," closed by a comma and more of the clause, or ", though not …"; with no cue of its own. */
const CONCESSION_INSIDE = /^,\s+(?:(?:though|although|even\s+as)\s+[^,;:.!?“”"]{1,60},\s+(?!(?:and|but|or|so|according|he|she|they|it|we|I|the|a|an)\b)\p{Ll}|(?:though|although)\s+not\s)/u;
/** ", which …," or ", who …," closed by a comma and a verb: the relative clause sits inside the content. */
const PARENTHETICAL_RELATIVE = /^,\s+(?:which|who)\s(?:[^,;:.!?“”"]|[,.](?=\d)){1,120}?,\s+(?!according\b)(?:["“])?(?:(?:still|also|now|not)\s+)?(?:is|was|are|were|has|have|had|will|would|could|can|should|may|might|must|remains?|remained|be|as|\p{Ll}+ed|\p{Ll}+ing|\p{Ll}+[^s\W]s)\b/u;
/** ", but" and a verb with no subject of its own, or the second half of "not X, but Y". */
const BUT_SHARED = /^,\s+but\s+(?:(?:also|still|then|now|later|rather|instead|never|only|\p{Ll}+ly)\s+)?([\p{Ll}’']+)/u;
/** A verb form that continues a clause with the same subject: "couldn’t", "planned", "wants", "is". */
const FINITE_NEXT = /^(?:is|was|are|were|has|have|will|would|could|should|can|may|might|must|not|\p{Ll}+ed|\p{Ll}+n[’']t)$/u;
/** What follows ", but" when it only finishes the clause before it: "but not for rape", "but rather …". */
const BUT_ELLIPSIS = /^(?:not|only|also|rather|because|by|never|so|more|less|still)$/u;
/** A finite verb: the content before ", but" is a clause, not a noun phrase ("backing Clinton"). */
const FINITE = /\b(?:is|was|are|were|has|have|had|will|would|could|should|can|may|might|must|did|does|do|\p{Ll}{2,}ed|\p{Ll}+n[’']t)\b/u;

/**
 * Whether reported content goes on over ", but" at `at` in `body`: when the words after it
 * share the clause's subject ("he said he wanted change, but found Trump too objectionable")
 * or finish a contrast ("he supports an exception for the mother's life, but not for rape"),
 * unless the verb after it is itself a cue ("…, but said his campaign had found it"). The
 * caller also needs a verb in the content before it: a noun phrase as content ("is backing
 * Clinton, but is not predicting …") still stops there.
 */
function butGoesOn(body: string, at: number, stop: string): boolean {
  if (!/^,\s+but$/u.test(stop)) return false;
  const next = BUT_SHARED.exec(body.slice(at, at + 60));
  if (!next) return false;
  const word = next[1]!;
  if (cueFrame(word) !== undefined) return false;
  return BUT_ELLIPSIS.test(word) || (/\s$/u.test(next[0].slice(0, -word.length)) && FINITE_NEXT.test(word));
}

/** The first words of a "while" clause: "while only 19 support Sanders". */
const WHILE_CLAUSE = /^,\s+(?:while|whereas)\s+([^;:“”"(]{1,100})/u;

/**
 * Whether reported content goes on over ", while" at `at` in `body`: a contrast that finishes
 * what was said or found ("found that 449 insiders back Clinton, while only 19 support
 * Sanders"), unless the "while" clause has a cue of its own ("…, while 22 percent said they
 * might change their mind") or is a participle about the source ("…, while acknowledging
 * it"); the caller also needs a verb in the content before it, as for "but".
 */
function whileGoesOn(body: string, at: number, stop: string): boolean {
  if (!/(?:while|whereas)$/u.test(stop)) return false;
  const clause = WHILE_CLAUSE.exec(body.slice(at, at + 160))?.[1];
  if (!clause || /^(?:\p{Ll}+ly\s+|also\s+)?\p{Ll}+ing\b/u.test(clause)) return false;
  return !(clause.match(/[\p{L}’'-]+/gu) ?? []).some((word) => cueFrame(word) !== undefined);
}

/**
 * A direct quotation goes on in the sentences of its paragraph that are quoted and name no
 * one ("“…,” he said. “…”"): those are content too.
 */
function extendQuote(scope: Scope, content: Span, direct: boolean, from: number, cue?: Mention): Span {
  // "She says people should be free to choose. “It is their life.”": the quotation goes on with it.
  if (!direct && (!cue || content.start < cue.end || content.end < from - 2)) return content;
  const { text } = scope;
  let end = content.end;
  for (const q of scope.quotes) {
    if (q.start < end) continue;
    const gap = text.slice(end, q.start);
    if (!/(?:^|[.!?:]\s*(?:["”]|'')?)\s*$/u.test(gap)) {
      // A title or phrase in quotation marks inside the cue's own sentence ("on “Meet the
      // Press.”") is not more of what was said.
      if (q.start < from) continue;
      break;
    }
    // In the cue's own sentence only another speech verb ("… before adding: “…”") ends the
    // quotation; after it, any cue does.
    const own = { start: end, end: Math.min(q.start, from) };
    if (own.end > own.start && (introducesNext(text, own, q.start, scope.quotes, cue) || reportsClause(text, own, scope.quotes, cue))) break;
    if (q.start > from && hasCueOutsideQuotes(text, { start: Math.max(end, from), end: q.start }, scope.quotes, cue)) break;
    // "… Trump said. In a Fox interview, Trump went even further: “…”" and "…,” she said,
    // recalling her own experience: “…”": words ending in a colon introduce the quotation after
    // them, in the cue's own sentence or a later one.
    if (COLON_INTRODUCES.test(text.slice(Math.max(end, q.start > from ? from : end, q.start - COLON_LOOKBACK), q.start))) break;
    if (!/[.!?]\s*(?:["”]|'')$/u.test(text.slice(q.start, q.end))) {
      // "“…,” he added." gives this quotation its own cue.
      // Up to the end of the sentence the quotation ends in (the splitter knows "Mr." is no end).
      const sentence = scope.sentences.find((s) => s.start < q.end && q.end < s.end);
      const after = { start: q.end, end: sentence?.end ?? scope.paragraph.end };
      if (hasCueOutsideQuotes(text, after, scope.quotes)) break;
    }
    end = q.end;
  }
  return { start: content.start, end: runOn(scope, end) };
}

/**
 * A quotation left open at the end of its paragraph goes on in the next paragraph when that
 * one opens with a quotation mark, the newspaper convention for a long quote; so does one
 * followed by paragraphs that are nothing but quotation, which are the same speaker's.
 */
function runOn(scope: Scope, end: number): number {
  const { paragraphs, quotes } = scope.story;
  let index = scope.story.index;
  let last = quotes[index]!.find((q) => q.end === end);
  for (let hops = 0; last && hops < 5 && index + 1 < paragraphs.length; hops++) {
    const paragraph = paragraphs[index + 1]!;
    const first = quotes[index + 1]![0];
    if (!first || first.start !== paragraph.start) break;
    // "WALLACE: …" after "PENCE: …": a new speaker's turn.
    if (TURN.test(scope.text.slice(paragraph.start, paragraph.end))) break;
    const run = quoteRun(quotes[index + 1]!, first, paragraph, scope.text);
    // A closed quotation goes on only into a paragraph that is nothing but quotation.
    if (last.closed && (run.end < paragraph.end - 1 || hasCueOutsideQuotes(scope.text, paragraph, quotes[index + 1]!))) break;
    // An open one stops before a paragraph that names its own speaker ("“…,” she said.").
    if (!last.closed && first.closed && hasCueOutsideQuotes(scope.text, { start: first.end, end: Math.min(paragraph.end, first.end + 40) }, quotes[index + 1]!, undefined, true)) break;
    index++;
    end = run.end;
    last = quotes[index]!.find((q) => q.end === end);
  }
  return end;
}

/** Where a quotation that ends in this paragraph began, when it opened in earlier ones. */
function runBack(scope: Scope, start: number): number {
  const { paragraphs, quotes } = scope.story;
  let index = scope.story.index;
  if (start !== paragraphs[index]!.start) return start;
  for (let hops = 0; hops < 5 && index > 0; hops++) {
    const previous = quotes[index - 1]!.at(-1);
    if (!previous || previous.closed || (quotes[index - 1]!.length === 1 && previous.start !== paragraphs[index - 1]!.start && hops > 0)) break;
    start = previous.start;
    index--;
    if (previous.start !== paragraphs[index]!.start) break;
  }
  return start;
}

/** The quotations that follow one another from `first` on, as one span. */
function quoteRun(quotes: QuoteSegment[], first: QuoteSegment, paragraph: Span, text: string): Span {
  let end = first.end;
  for (const q of quotes) {
    if (q.start < end) continue;
    if (/\S/u.test(text.slice(end, q.start))) break;
    end = q.end;
  }
  return { start: first.start, end: Math.min(end, paragraph.end) };
}

/** Whether a speech verb in `span` other than `cue` introduces the quotation at `next`. */
function introducesNext(text: string, span: Span, next: number, quotes: QuoteSegment[], cue?: Mention): boolean {
  for (const match of text.slice(span.start, span.end).matchAll(WORD)) {
    const at = span.start + match.index;
    if (at === cue?.start || quotes.some((q) => q.start < at && at < q.end)) continue;
    const frame = cueFrame(match[0]);
    if ((frame === 'report' || frame === 'address') && /^[\s,:]*$/u.test(text.slice(at + match[0].length, next))) return true;
  }
  return false;
}

/**
 * Whether a speech verb other than `cue` in `span` takes its own "that" clause: in "“…,” he
 * said, adding that he had fought for the bill. “A leader must fight …”" the next quotation
 * goes on with what he added, not with the quotation before the cue. Only a participle after a
 * comma counts: "who noted that …" and "a passion that suggested …" leave the quotation whole.
 */
function reportsClause(text: string, span: Span, quotes: QuoteSegment[], cue?: Mention): boolean {
  for (const match of text.slice(span.start, span.end).matchAll(WORD)) {
    const at = span.start + match.index;
    if (at === cue?.start || quotes.some((q) => q.start < at && at < q.end)) continue;
    const frame = cueFrame(match[0]);
    if (!/ing$/u.test(match[0]) || !/,\s*$/u.test(text.slice(Math.max(span.start, at - 3), at))) continue;
    if ((frame === 'report' || frame === 'address') && THAT_AFTER.test(text.slice(at + match[0].length, at + match[0].length + 6))) return true;
  }
  return false;
}
const THAT_AFTER = /^\s+that\s/u;
/** Words, then a colon just before a quotation: "Trump went even further: ". */
const COLON_INTRODUCES = /\p{L}[^“”"]*:\s*$/u;
/** How far before a quotation its introducing colon's words are looked for. */
const COLON_LOOKBACK = 200;

function hasCueOutsideQuotes(text: string, span: Span, quotes: QuoteSegment[], except?: Mention, speechOnly = false): boolean {
  for (const match of text.slice(span.start, span.end).matchAll(WORD)) {
    const at = span.start + match.index;
    if (at === except?.start || quotes.some((q) => q.start < at && at < q.end)) continue;
    const frame = cueFrame(match[0]);
    if (speechOnly ? frame === 'report' || frame === 'address' : frame || /^according$/iu.test(match[0])) return true;
  }
  return false;
}

function contentIsQuote(scope: Scope, content: Span): boolean {
  return scope.quotes.some((q) => q.start === content.start);
}

/** The end of `[start, stop)` without the sentence's final punctuation, unless it closes a quote. */
function trimEnd(text: string, start: number, stop: number, quotes: QuoteSegment[]): number {
  let end = stop;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (quotes.some((q) => q.end === end)) return end;
  while (end > start && /[.,;:!?\s—–]/u.test(text[end - 1]!)) end--;
  return end;
}

function trailingPunctuation(prefix: string): number {
  return /[\s,;:—–-]*$/u.exec(prefix)![0].length;
}

/** The subject of the sentence's main verb, for participles that lean on it. */
function sentenceSubject(text: string, sentence: Sentence, before: number): Mention | null {
  // "As the crowd began to chant, Silverman was joined …": the main clause follows the opener.
  const opener = /^(?:as|when|after|before|while|since|although|though|because|if|in|on|at|during|despite|with|for|from|after)\b[^,]{0,80},\s*/iu.exec(text.slice(sentence.start, before));
  const start = sentence.start + (opener?.[0].length ?? 0);
  const body = text.slice(start, before);
  const verb = /\s(?:\p{Ll}+ed|\p{Ll}+s|is|was|are|were|has|have|had|will|would|can|could|did|held|made|took|gave|went|said|told|met|wrote|spoke|sent|left|came|got|put|ran|brought|began|kept|led|won|lost|paid|sat|stood|saw|knew|thought|felt|found|shot|hit|set|let|cut|struck|threw|drew|fought|sought|taught|bought|heard|meant|became|rose|fell|chose)\b/u.exec(body);
  if (!verb) return null;
  const subject = subjectBefore(text, start, start + verb.index);
  return subject && isSource(subject.text) ? subject : null;
}

/** A mention can be a source: it names someone or something, not a clause or a pronoun "it" of weather. */
function isSource(mention: string): boolean {
  // "42% say they are liberal": a share of those polled speaks for them.
  if (isShare(mention.trim())) return true;
  if (!/\p{L}/u.test(mention)) return false;
  if (/^(?:there|this|what|whether|if|as|so|than|such|to|of|in|on|at|for|by|with|when|while|after|before|once|because|although|though|since|until|unless)$/iu.test(mention.trim())) return false;
  return !/^(?:to|of|in|on|at|for|by|with|from|and|or|but|if|as|than|including|why|how|whether|based)\s/iu.test(mention.trim());
}

function isShortSource(mention: string): boolean {
  return isSource(mention) && wordCount(mention) <= 8;
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

function within(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function length(span: Span): number {
  return span.end - span.start;
}
