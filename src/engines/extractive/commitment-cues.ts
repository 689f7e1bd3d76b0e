/**
 * Commitments the story names with a commitment verb or noun: "promised to", "vowed",
 * "agreed to", "refused", "declined to", "ruled out", "his pledge to".
 */
import type { Sentence } from '../../story/story.js';
import type { Stance } from '../engine.js';
import { isAgent, resolveActor } from './commitment-actors.js';
import type { Actor } from './commitment-actors.js';
import { conditionOf } from './commitment-conditions.js';
import type { Found, SentenceContext } from './commitment-context.js';
import { clauseSubject, subjectOfVerb } from './commitment-phrases.js';
import {
  COMMITMENT_WORD,
  endBeforeNegatedTail,
  continuesPrevious,
  familyOf,
  isModifier,
  isNounUse,
  MADE_BY,
  nounContent,
  REFUSALS,
  shortAction,
  THREATENED_ACT,
  trimEnd,
  verbContent,
} from './commitment-words.js';
import type { Family } from './commitment-words.js';
import type { Mention } from './clauses.js';
import { placeOf } from './names.js';

/** A negation right before the word; "n't" is inside its word ("wouldn't"), so no \b before it. */
const NEGATED = /(?:\b(?:not|never|no longer|cannot)|n['’]t)\s+(?:\p{Ll}+ly\s+)?(?:(?:be|have|has)\s+)?$/iu;
/** The same negation with the auxiliary it belongs to: "did not ", "wouldn't ", "has never ". */
const NEGATION_BEFORE =
  /(?:\b(?:do|does|did|will|would|could|can|should|may|might|must|has|have|had|is|are|was|were)\s+(?:not|never)|\b\p{L}+n['’]t|\b(?:cannot|never|no longer))\s+(?:\p{Ll}+ly\s+)?(?:(?:be|have|has)\s+)?$/iu;
const HEDGED = /\b(?:could|might|may)\s+(?:(?:not|also|still|even|yet)\s+)?(?:\p{Ll}+ly\s+)?$/iu;
/** A possessive right before a noun: "his promises", "Berlin's pledge", "her blunt rejection". */
const OWNED = /(?:\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y)|\p{Lu}[\p{L}.-]*['’]s?)\s+(?:\p{Ll}+\s+){0,2}$/u;
/** Heads of subjects that "decline" as measures do, not as people refusing. */
const NOT_AN_AGENT =
  /^(?:prices?|stocks?|shares?|rates?|sales|numbers?|ratings?|turnout|support|enrol?lments?|revenues?|profits?|production|values?|index|economy|percent|percentage|costs?|spending|growth|income|wages?|demand|supply|output|exports?|imports?|deficits?|debt|unemployment|approval|polls?|margins?|levels?|crime|membership|attendance|population|figures?|totals?|average|market|markets|dollar|yields?|points?)$/iu;

/** Commitments a sentence names with a commitment word. */
export function cueCommitments(sentence: Sentence, context: SentenceContext): Found[] {
  const { text } = context;
  const body = text.slice(sentence.start, sentence.end);
  const found: Array<Found & { contentStart: number }> = [];
  let previousEnd = -1;
  for (const match of body.matchAll(COMMITMENT_WORD)) {
    const cueStart = sentence.start + match.index;
    const cueEnd = cueStart + match[0].length;
    const family = familyOf(match);
    const chained = previousEnd >= 0 && continuesPrevious(text.slice(previousEnd, cueStart));
    previousEnd = cueEnd;
    if (chained) continue;
    const item = readCue(sentence, context, family, match[0], cueStart, cueEnd);
    if (item) found.push(item);
  }
  // A later commitment with a subject of its own ends the content of the one before it.
  for (let i = 0; i + 1 < found.length; i++) {
    const current = found[i]!;
    const next = found[i + 1]!;
    if (next.start > current.contentStart && next.start < current.end) {
      const end = current.contentStart + trimEnd(text.slice(current.contentStart, next.start)).length;
      if (end > current.contentStart) {
        current.end = end;
        current.draft.quote = { text: text.slice(current.start, end), near: current.start };
      }
    }
  }
  return found.map(({ contentStart: _, ...rest }) => rest);
}

function readCue(
  sentence: Sentence,
  context: SentenceContext,
  family: Family,
  word: string,
  cueStart: number,
  cueEnd: number,
): (Found & { contentStart: number }) | null {
  const { text } = context;
  const before = text.slice(sentence.start, cueStart);
  const afterText = text.slice(cueEnd, sentence.end);
  if (isModifier(word, before, afterText)) return null;
  const noun = isNounUse(word, before, afterText);
  // A verb inside an "if" clause is a hypothesis ("If the plan rejected single mothers, …"); a
  // noun still names a commitment that was made ("if he follows through on his veto threat").
  if (!noun && /\b(?:[Ii]f|[Uu]nless|[Ww]hether)\s+[^,;:—]*$/u.test(before)) return null;
  if (family === 'threaten' && noun) {
    const act = THREATENED_ACT.exec(before);
    if (act) return namedThreat(sentence, context, act, cueEnd);
  }
  const shape = noun ? nounContent(family, afterText, OWNED.test(before)) : verbContent(family, word, before, afterText);
  if (!shape) return null;

  const participle = !noun && /ed$/iu.test(word);
  const afterNoun = participle && /[\p{L}\p{N}]\s+$/u.test(before) && !/(?:^|\s)(?:and|but|or|yet)\s+$/u.test(before);
  // "The plan rejected on Monday was …": a participle describing a noun, by nobody named.
  if (afterNoun && /^\s+(?:(?:on|in|last|this|earlier)\s+[^,]{0,25}?\s+)?(?:was|were|is|are|has|have|had|will|would)\b/u.test(afterText)) return null;
  const passive =
    participle && (/\b(?:was|were|is|are|been|be|being)\s+(?:\p{Ll}+ly\s+)?$/u.test(before) || (afterNoun && /^\s+by\s/u.test(afterText) && /(?:a|an|the|\p{Ll}+s)\s+\p{Ll}+\s+$/u.test(before)));
  let actor: Actor | null;
  let adjacent = true;
  let contentStart = cueEnd + shape.offset;
  let contentEnd = contentStart + shape.length;
  if (passive) {
    const agent = /^\s+by\s+((?:(?:the|a|an)\s+)?(?:[\p{L}\p{N}.'’-]+\s+){0,6}?[\p{L}\p{N}.'’-]+?)(?=\s+(?:in|on|at|last|this|after|before|for|because)\b|[,;:]|\.(?![\p{L}\p{N}])|$)/u.exec(afterText);
    if (!agent) return null;
    const start = cueEnd + agent[0].indexOf(agent[1]!, 3);
    actor = resolveActor(text, { text: agent[1]!, start, end: start + agent[1]!.length }, context.names, sentence, context.speaker());
    // What was rejected is the subject: the content comes before the verb.
    contentStart = clauseStart(text, sentence, cueStart);
    contentEnd = start + agent[1]!.length;
    adjacent = false;
  } else {
    actor = noun ? nounActor(text, sentence, cueStart, cueEnd, context) : verbActor(text, sentence, cueStart, word, context, (a) => (adjacent = a));
  }
  if (!actor) return null;

  let postposed = false;
  // "He also vowed, “We are going to defeat them”": what was vowed is the quotation after it.
  const quoted = !passive && shape.length === 0 ? /^\s*[,:]\s*["“]([^"“”]{8,})["”]/u.exec(afterText) : null;
  if (quoted) {
    contentStart = cueEnd + quoted[0].indexOf(quoted[1]!);
    contentEnd = contentStart + trimEnd(quoted[1]!).length;
  } else if (!passive && shape.length === 0) {
    // "“…,” he vowed." and "Freeing her husband, he promised, was …": the content is elsewhere.
    const rest = afterText.replace(/^[\s,]+/u, '');
    if (/^[.!?]?["”’]?$/u.test(rest.trim()) || /^\s*,/u.test(afterText)) {
      if (before.replace(/\S+\s*$/u, '').trim().split(/\s+/u).length < 4 && rest.length < 12) return null;
      postposed = true;
    } else return null;
  }

  let quoteStart = postposed || passive ? sentence.start : Math.min(cueStart, adjacent && actor.mention.start >= sentence.start ? actor.mention.start : cueStart);
  // "… met the residents and did not rule out a car park": the negation is part of the stance.
  const negation = !postposed && !passive ? NEGATION_BEFORE.exec(before) : null;
  if (negation) quoteStart = Math.min(quoteStart, sentence.start + negation.index);
  // "the target it pledged to reach": what was pledged is the noun the clause hangs on.
  const gap = /\b(?:the|a|an|this|that|his|her|its|their)\s+(?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Ll}[\p{L}-]*\s+$/u;
  const hanging = !noun && !passive && adjacent && /^(?:he|she|it|they|we|i)$/iu.test(actor.mention.text) ? gap.exec(text.slice(sentence.start, actor.mention.start)) : null;
  if (hanging && quoteStart === actor.mention.start) {
    quoteStart = sentence.start + hanging.index;
    contentStart = quoteStart;
  }
  const content = text.slice(contentStart, contentEnd);
  const stance = stanceOf(family, before, content, noun);
  if (!stance) return null;
  // "refused to rule out a tax": what is under consideration is the tax, not ruling it out.
  const considered = REFUSALS.has(family) && stance === 'considering' ? content.replace(/^(?:to\s+)?rul(?:e|ing)\s+out\s+/iu, '') : content;
  // "vowed not to sign": a refusal to sign, not a refusal of "not to sign".
  const act = stance === 'refuses' && !REFUSALS.has(family) ? considered.replace(/^\s*(?:to\s+)?(?:not|never)\s+(?:to\s+)?/iu, '') : considered;
  const action = actionOf(postposed ? text.slice(sentence.start, cueStart) : act, word, stance === 'agrees');
  // A pledge's quote stops before a negation that is not the pledge's ("… that was never delivered").
  const pledged = !postposed && !passive && (stance === 'commits' || stance === 'considering');
  const quoteEnd = postposed ? sentence.end : pledged ? endBeforeNegatedTail(text, contentStart, contentEnd, action) : contentEnd;
  const quote = trimEnd(text.slice(quoteStart, quoteEnd));
  if (quote.split(/\s+/u).length < 3) return null;

  const condition = stance === 'conditional' ? conditionOf(content) : null;
  return {
    start: quoteStart,
    end: quoteStart + quote.length,
    contentStart,
    draft: {
      actor: actor.name,
      actorMention: { text: actor.mention.text, near: actor.mention.start },
      action,
      stance,
      condition,
      quote: { text: quote, near: quoteStart },
    },
  };
}

/** "his veto threat": a threat named by its act, the possessor as the actor. */
function namedThreat(sentence: Sentence, context: SentenceContext, act: RegExpExecArray, cueEnd: number): Found & { contentStart: number } {
  const { text } = context;
  const ownerAt = sentence.start + act.index;
  const owner = act[1]!;
  const actor = resolveActor(text, { text: owner, start: ownerAt, end: ownerAt + owner.length }, context.names, sentence, context.speaker());
  const contentStart = ownerAt + act[0].indexOf(act[2]!, owner.length);
  return {
    start: ownerAt,
    end: cueEnd,
    contentStart,
    draft: {
      actor: actor.name,
      actorMention: { text: owner, near: ownerAt },
      action: act[2]!,
      stance: 'commits',
      condition: null,
      quote: { text: text.slice(ownerAt, cueEnd), near: ownerAt },
    },
  };
}

function verbActor(
  text: string,
  sentence: Sentence,
  cueStart: number,
  word: string,
  context: SentenceContext,
  setAdjacent: (adjacent: boolean) => void,
): Actor | null {
  // "is pledging" is a finite verb; a bare "pledging" shares a subject named elsewhere.
  const participle = /ing$/iu.test(word) && !/\b(?:is|are|was|were|be|been|am)\s+(?:\p{Ll}+ly\s+)?$|['’]s\s+$/u.test(text.slice(sentence.start, cueStart));
  const subject = subjectOfVerb(text, sentence, cueStart, participle);
  setAdjacent(subject.adjacent);
  let mention = subject.mention;
  if (!mention && participle && /(?:^|\s)(?:for|of)\s*$/iu.test(text.slice(sentence.start, cueStart))) {
    // "held Pagliano in contempt for refusing …": the person the sentence last names.
    const person = context.names.lastPersonBefore(text, cueStart);
    if (person) {
      const at = text.lastIndexOf(person.split(/\s+/u).pop()!, cueStart);
      if (at >= sentence.start) mention = { text: person.split(/\s+/u).pop()!, start: at, end: at + person.split(/\s+/u).pop()!.length };
    }
  }
  if (!mention) return null;
  // "The debate promised to be a crucial moment": a forecast, unless someone promised it.
  if (/^(?:promis|threat)/iu.test(word) && /^\s+to\s+be\b/u.test(text.slice(cueStart + word.length, sentence.end)) && !isAgent(mention.text)) return null;
  // A commitment word makes almost any subject an agent; measures that "decline" are not.
  const head = mention.text.split(/\s+(?:of|for|in|on|at|from|with)\s+/u)[0]!.split(/\s+/u).pop()!;
  if (!isAgent(mention.text) && (NOT_AN_AGENT.test(head) || /^(?:there|this|what|these|those)$/iu.test(mention.text))) return null;
  const speaker = /^(?:i|we|my|our)$/iu.test(mention.text) ? context.quoteSpeaker() : context.speaker();
  return resolveActor(text, mention, context.names, sentence, speaker);
}

function nounActor(text: string, sentence: Sentence, cueStart: number, cueEnd: number, context: SentenceContext): Actor | null {
  const before = text.slice(sentence.start, cueStart);
  const { names } = context;
  // "his pledge", "Trump's promise", "American commitments".
  const place = /()()\b(\p{Lu}\p{L}+)\s+(?:\p{Ll}+\s+)?$/u.exec(before);
  const possessive =
    /\b([Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y)\s+(?:[\p{L}-]+\s+){0,3}$/u.exec(before) ??
    /()((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.-]*)['’]s?\s+(?:[\p{L}-]+\s+){0,3}$/u.exec(before) ??
    (place && placeOf(place[3]!) ? place : null);
  if (possessive) {
    const words = (possessive[1] || possessive[2] || possessive[3])!;
    const start = sentence.start + possessive.index + possessive[0].indexOf(words);
    const mention: Mention = { text: words, start, end: start + words.length };
    const speaker = /^(?:my|our)$/iu.test(words) ? context.quoteSpeaker() : context.speaker();
    return resolveActor(text, mention, names, sentence, speaker);
  }
  const madeBy = MADE_BY.exec(text.slice(cueEnd, sentence.end));
  if (madeBy && isAgent(madeBy[1]!)) {
    const start = cueEnd + madeBy[0].indexOf(madeBy[1]!);
    return resolveActor(text, { text: madeBy[1]!, start, end: start + madeBy[1]!.length }, names, sentence, context.speaker());
  }
  // "pledges made by X", "pledges from individual countries".
  const by = /^\s+(?:made\s+(?:[^,.;]{0,30}?\s+)?by|from)\s+((?:(?:the|a|an|individual|several|many|some|all)\s+)?(?:[\p{L}.'’-]+\s+){0,3}[\p{L}.'’-]+?)(?=\s+(?:to|that|in|on|at)\b|[,.;:]|$)/u.exec(text.slice(cueEnd, sentence.end));
  if (by && isAgent(by[1]!)) {
    const start = cueEnd + by[0].indexOf(by[1]!);
    return resolveActor(text, { text: by[1]!, start, end: start + by[1]!.length }, names, sentence, context.speaker());
  }
  // "Rattling off promises to …, Clinton promised …": the subject after the opening phrase.
  if (/^\s*\p{Lu}\p{Ll}+ing\b[^,]*$/u.test(before)) {
    const comma = text.indexOf(', ', cueEnd);
    const subject = comma > 0 && comma < sentence.end ? clauseSubject(text, comma + 2, sentence.end, 'main') : null;
    if (subject) return resolveActor(text, subject, names, sentence, context.speaker());
  }
  // "she has worked to woo voters with promises to …": the clause's subject.
  const governed = /\b(?:with|on|by|through)\s+(?:(?:a|an|the|new|fresh|bold|repeated|\p{Ll}+ly)\s+){0,2}$/u.exec(before);
  if (governed) {
    const subject = clauseSubject(text, sentence.start, sentence.start + governed.index, 'shared');
    if (subject && isAgent(subject.text)) return resolveActor(text, subject, names, sentence, context.speaker());
  }
  // "X made a pledge to …", "Clinton delivered a forceful promise to …": the verb's subject.
  const made = /\b(?:made|make|makes|making|reached|reach|signed|sign|struck|extracted|kept|keeping|keep|broke|break|renewed|fulfilled|honou?red|announced|issued|offered|gave|repeated|reiterated|delivered|campaigned on|ran on|made good on|backed away from|walked back)\s+(?:[\p{L}-]+\s+){0,3}$/u.exec(before);
  if (made) {
    const verbAt = sentence.start + made.index;
    const subject = subjectOfVerb(text, sentence, verbAt, /ing$/u.test(made[0].trim().split(/\s+/u)[0]!)).mention;
    if (subject && (isAgent(subject.text) || /^(?:who|which|both|all)$/iu.test(subject.text))) return resolveActor(text, subject, names, sentence, context.speaker());
  }
  return null;
}

function stanceOf(family: Family, before: string, content: string, noun: boolean): Stance | null {
  const negated = NEGATED.test(before);
  // "agreed that …", "agree with …": a view shared, not an act pledged; "did not agree" is
  // neither, and "can agree on" says nothing. ("An agreement with X to …" is a pledge.)
  if (family === 'agree' && !noun && !/^(?:\p{Ll}+ly\s+)?to\s/iu.test(content)) {
    return negated || (content.match(/[\p{L}\p{N}]+/gu) ?? []).length < 2 ? null : 'agrees';
  }
  if (family === 'rule-out') return negated ? 'considering' : 'refuses';
  if (REFUSALS.has(family)) {
    if (negated) return null;
    return /^(?:to\s+)?rul(?:e|ing)\s+out\b/iu.test(content) ? 'considering' : 'refuses';
  }
  if (negated || /^(?:to\s+)?(?:not|never)\b|^to\s+never\b/iu.test(content)) return 'refuses';
  const condition = conditionOf(content);
  if (HEDGED.test(before)) return condition ? 'conditional' : 'considering';
  return condition ? 'conditional' : 'commits';
}

/** What was committed to, in a few words; an agreement keeps its "that" or "with" ("that the rules should change"). */
function actionOf(content: string, cue: string, agreement = false): string {
  const unquoted = content.replace(/[“”"]/gu, '');
  const body = agreement ? unquoted : unquoted.replace(/^\s*(?:to|that|with|on|of|out)\s+/iu, '');
  const phrase = body.split(/,\s|;|\s+[—–-]\s|(?<=\p{L})-\s|\s+--\s|\s+if\s+|\s+unless\s+/u)[0]!.trim();
  return shortAction(phrase) || cue;
}

function clauseStart(text: string, sentence: Sentence, at: number): number {
  const before = text.slice(sentence.start, at);
  const lead = /^(?:(?:For instance|For example|However|But|And|Still|Yet|Meanwhile|In \d{4}|On \p{Lu}\p{Ll}+(?: \d+)?),\s+)/u.exec(before);
  return sentence.start + (lead ? lead[0].length : 0);
}

