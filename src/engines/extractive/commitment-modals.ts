/**
 * Commitments stated with a modal or an intention ("the UK will provide troops", "there would
 * be no deployment", "is ready to deploy", "could help … if"), read only where someone is
 * reported as saying so: a modal in a sentence nobody speaks is a forecast, not a pledge.
 */
import type { Sentence } from '../../story/story.js';
import type { Stance } from '../engine.js';
import { isAgent, resolveActor } from './commitment-actors.js';
import { nounPhraseBefore, subjectEnd } from './commitment-phrases.js';
import type { Actor } from './commitment-actors.js';
import { conditionOf } from './commitment-conditions.js';
import { endBeforeNegatedTail, shortAction } from './commitment-words.js';
import type { Found, SentenceContext } from './commitment-context.js';
import { CUE_VERBS } from './cues.js';
import { NameIndex } from './names.js';

/** A phrase that signals a stance. */
interface Trigger {
  stance: Stance;
  pattern: RegExp;
  /** Says on its own that someone means to act, so it needs no speech verb around it. */
  intention: boolean;
}

const TRIGGERS: Trigger[] = [
  {
    stance: 'refuses',
    pattern: /\b(?:there (?:would|will) be no|(?:will|would|shall|could|can)(?: not|n['’]t)|won['’]t|cannot|(?:will|would) never)\b/u,
    intention: false,
  },
  { stance: 'conditional', pattern: /\b(?:will|would) only\b/u, intention: false },
  {
    stance: 'commits',
    pattern: /\b(?:(?:is|are|was|were|am)(?: \p{Ll}+ly)? (?:ready|prepared|willing|determined|preparing|planning) to|(?:plans|intends|planned|intended) to)\b/u,
    intention: true,
  },
  { stance: 'commits', pattern: /\b(?:will|shall|would)\b/u, intention: false },
  {
    stance: 'considering',
    pattern: /\b(?:(?:is|are|was|were|am|been|be|had|has|have)(?: (?:\p{Ll}+ly|also|now|still|instead|already))? (?:considering|weighing|discussing|exploring|mulling|discussed|considered|explored)(?!\s+(?:on|in|heavily|by)\b)|(?:is|are|was|were) open to)\b/u,
    intention: true,
  },
  { stance: 'considering', pattern: /\b(?:could|may|might)\b/u, intention: false },
];

const NOT_A_CLAIM = /\b(?:signs?|hopes?|whether|doubts?|question|fears?|unclear|wonder\w*|if|asked|asks|ask|predict\w*|expects?|expected|likely|chance|odds|possibility|risk|worr\w*|concern\w*)\s+(?:that\s+)?$/iu;
/** "will almost certainly …": a forecast. */
const FORECAST = '(?:almost\\s+)?(?:certainly|likely|probably|surely|definitely|inevitably|eventually)\\b';
/** "be" + these is a state, not something done: "would be scared", "will be required". */
const STATE =
  'scared|concerned|pleased|disappointed|surprised|interested|excited|worried|delighted|satisfied|shocked|tired|frustrated|' +
  'embarrassed|confused|impressed|inclined|opposed|involved|allowed|required|forced|expected|seen|viewed|considered|remembered|' +
  'judged|known|based|located|qualified|needed|tempted|obligated|obliged|entitled|prepared|ready';
/** "be" + a passive participle is an act: "could be deployed". */
const PASSIVE = `be\\s+(?:\\p{Ll}+ly\\s+)?(?!(?:${STATE})\\b)(?:\\p{Ll}+ed|sent|given|made|taken|built|done|paid|kept|held)\\b`;
/** Verbs that describe or forecast what happens to someone rather than what they will do. */
const HAPPENING =
  'be|become|seem|appear|face|get|win|lose|need|happen|fall|rise|look|feel|cost|mean|depend|matter|know|think|like|want|come|' +
  'have|remain|continue|see|hear|find|go|affect|benefit|suffer|struggle|hurt|change|work|lead|result|hit|reach|surpass|say|tell|' +
  'end\\s+up|help\\s+(?:him|her|them)|take\\s+(?:\\p{Ll}+\\s+)?(?:place|time|years|months|weeks|days|hours|effect|longer)';
/** After a modal: a forecast or a description, not a commitment ("will face", "may take weeks"). */
const NOT_AN_ACT = new RegExp(
  `^\\s+(?:${FORECAST}|(?:not\\s+|never\\s+|also\\s+|still\\s+|\\p{Ll}+ly\\s+)*(?!${PASSIVE})(?:${HAPPENING})\\b)`,
  'u',
);
/** "—not the deployment of battalions …": a refusal named by the act it rules out. */
const NOMINAL_REFUSAL = String.raw`\s*[—–]\s*(?=not\s+(?:the\s+|any\s+)?\p{Ll}+(?:ment|ion|ing|al)\s+of\b)`;
const CLAUSE_BREAK = new RegExp(
  `(?:,?\\s+but\\s+|;\\s+|${NOMINAL_REFUSAL}|\\s+and\\s+(?=(?:will|would|could|shall|is|are|was|were)\\b)|\\b(?:${CUE_VERBS})\\s+that\\s+)`,
  'gu',
);
/** A hedged frame around what is reported: "Radakin is expected to confirm that …". */
const HEDGED_FRAME = /\b(?:is|are|was|were)\s+(?:\p{Ll}+ly\s+)?((?:expected|likely|set)\s+to\s+\p{Ll}+)\s+(?:that\s+)?/u;
/** Modals and intentions that leave the act open: kept in the action, never a plain `commits`. */
const HEDGE = /^(?:could|may|might|plans to|planned to|(?:is|are|was|were|am)(?: \p{Ll}+ly)? planning to)$/u;
const SPEECH = new RegExp(`\\b(?:${CUE_VERBS}|according to)\\b`, 'u');
const SPEECH_AFTER = new RegExp(`,["”]?\\s+[^,;]{0,60}?\\b(?:${CUE_VERBS})\\b[^,;]{0,50}[.!?]?["”]?$`, 'u');

/** What the clause before said: who, and the verb of what they will do ("deployed"). */
interface Previous {
  actor: Actor;
  verb: string | null;
}

interface Clause {
  start: number;
  end: number;
  /** The clause follows "but" or ";" and may share the previous clause's subject. */
  coordinated: boolean;
}

/** Commitments a sentence states with a modal or an intention, where someone says them. */
export function modalCommitments(sentence: Sentence, context: SentenceContext): Found[] {
  const found: Found[] = [];
  let inherited: Previous | null = null;
  for (const clause of clauses(context.text, sentence)) {
    const item = readClause(sentence, clause, inherited, context);
    if (item) {
      found.push(item.found);
      inherited = { actor: item.actor, verb: item.verb };
    }
  }
  return found;
}

function clauses(text: string, sentence: Sentence): Clause[] {
  const body = text.slice(sentence.start, sentence.end);
  const out: Clause[] = [];
  let start = 0;
  let coordinated = false;
  for (const match of body.matchAll(CLAUSE_BREAK)) {
    out.push({ start: sentence.start + start, end: sentence.start + match.index, coordinated });
    start = match.index + match[0].length;
    coordinated = !/that\s+$/u.test(match[0]);
  }
  out.push({ start: sentence.start + start, end: sentence.end, coordinated });
  return out.filter((c) => c.end > c.start);
}

function readClause(
  sentence: Sentence,
  clause: Clause,
  inherited: Previous | null,
  context: SentenceContext,
): { found: Found; actor: Actor; verb: string | null } | null {
  const { text } = context;
  const body = text.slice(clause.start, clause.end);
  // "…, but not in situations that could …": a refusal of what the clause before offers.
  const trigger = (clause.coordinated && notTrigger(body)) || firstTrigger(body);
  if (!trigger) return null;
  const triggerAt = clause.start + trigger.index;
  // "Mr. Hannity's plans to attend": a noun, not someone planning.
  if (trigger.intention && /['’]s?\s*$/u.test(text.slice(clause.start, triggerAt))) return null;
  const inQuote = context.quotes.some((q) => q.start < triggerAt && triggerAt < q.end);
  const lead = text.slice(Math.max(sentence.start, triggerAt - 60), triggerAt).replace(/\S+\s+\S+\s*$/u, '');
  if (NOT_A_CLAIM.test(lead)) return null;
  const after = body.slice(trigger.index + trigger.text.length);
  // "which, according to Keir Starmer, will only be possible if …": a condition on what came before.
  const onlyIf = /only/u.test(trigger.text) && /^\s+(?:be\s+)?(?:possible|happen|work|go ahead|proceed)\s+(?:if|once|when)\b/u.test(after);
  // "I would, Donald": a modal with no verb after it says nothing.
  if (!trigger.intention && trigger.text !== 'not' && !/^\s+(?:\p{Ll}|["“]?\p{Ll})/u.test(after)) return null;
  if (trigger.text !== 'not' && !onlyIf && !trigger.intention && !/there (?:would|will) be no/u.test(trigger.text) && NOT_AN_ACT.test(after)) return null;
  // Inside an "if" clause the modal is the condition, not the commitment.
  if (/\b(?:if|unless|whether|when|once|until|before|after)\s+[^,;]*$/iu.test(text.slice(clause.start, triggerAt))) return null;

  const speaker = context.speaker();
  const actor =
    trigger.text === 'not' && clause.coordinated
      ? (inherited?.actor ?? (speaker && speaker.mention.start < clause.start ? speaker : null))
      : onlyIf
        ? speaker
        : findActor(sentence, clause, triggerAt, inherited?.actor ?? null, inQuote, trigger.intention, context);
  if (!actor) return null;
  // What a poll's respondents say they would do is a finding, not a commitment.
  if (speaker && /\b(?:percent|respondents|polled|surveyed|voters|poll|survey)\b|%/iu.test(speaker.mention.text)) return null;

  // A condition is read in the clause itself, never taken from the sentence before.
  const condition = conditionOf(after);
  // "X could win" is speculation; "could" says someone weighs an option only when it is theirs
  // ("we could", "he said he could") or hangs on a condition.
  const ownOption = /^(?:i|we)$/iu.test(actor.mention.text) || (/^(?:he|she)$/iu.test(actor.mention.text) && speaker !== null && speaker.name === actor.name);
  const passiveOption = /^\s+be\s+(?:\p{Ll}+ly\s+)?(?:\p{Ll}+ed|sold|sent|given|made|taken|built|paid|kept|held|spent)\s+(?:to|for|by|in|on|at)\s/u.test(after) && speaker !== null;
  if (trigger.stance === 'considering' && !trigger.intention && !condition && !ownOption && !passiveOption) return null;
  let stance = trigger.stance;
  if (/^\s*(?:\p{Ll}+ly\s+)?(?:consider|weigh|discuss|explore|think about)\b/u.test(after) && stance === 'commits') stance = 'considering';
  // A hedge ("plans to", "could", "is expected to confirm that") leaves the act open.
  const frame = HEDGED_FRAME.exec(text.slice(sentence.start, clause.start === sentence.start ? triggerAt : clause.start));
  const hedge = HEDGE.test(trigger.text) ? trigger.text : null;
  if ((hedge || frame) && stance === 'commits') stance = 'considering';
  if (condition && (stance === 'commits' || stance === 'considering')) stance = 'conditional';
  if (/^\s*not\b/u.test(body) && clause.coordinated) stance = 'refuses';

  const quoteStart = onlyIf ? antecedentStart(text, clause.start, triggerAt) : Math.min(actor.mention.start >= clause.start ? actor.mention.start : clause.start, triggerAt);
  const closing = inQuote ? context.quotes.find((q) => q.start < triggerAt && triggerAt < q.end)!.end - 1 : clause.end;
  const clauseEnd = Math.min(clause.end, closing);
  // A pledge's quote stops before a negation that is not the pledge's ("… that was never delivered").
  const quoteEnd = stance === 'refuses' || onlyIf ? clauseEnd : endBeforeNegatedTail(text, triggerAt + trigger.text.length, clauseEnd, actionOf(after, trigger.text));
  const quote = text
    .slice(quoteStart, quoteEnd)
    .replace(/(?:,\s*(?:who|which))?[\s,;]*$/u, '')
    .replace(/(?<![\p{Lu}])\.$/u, '');
  const bare = onlyIf ? shortAction(text.slice(quoteStart, triggerAt).replace(/,\s*which\b[\s\S]*$/u, '')) : actionOf(after, trigger.text);
  const verb = trigger.text === 'not' ? null : (/^(?:be\s+)?(\p{Ll}+(?:ed|en))\b/u.exec(after.trim())?.[1] ?? /^(\p{Ll}+)\b/u.exec(bare)?.[1] ?? null);
  let action = bare;
  if (trigger.text === 'not' && inherited?.verb && !/^(?:the|a|an|any)\b/u.test(bare)) action = `${inherited.verb} ${bare}`;
  if (hedge && stance !== 'refuses') action = `${hedge} ${/^\s+be\b/u.test(after) ? 'be ' : ''}${bare}`;
  else if (frame) action = `${frame[1]}: ${action}`;
  return {
    actor,
    verb,
    found: {
      start: quoteStart,
      end: quoteStart + quote.length,
      draft: {
        actor: actor.name,
        actorMention: { text: actor.mention.text, near: actor.mention.start },
        action,
        stance,
        condition: stance === 'conditional' ? (condition ?? conditionOf(body)) : null,
        quote: { text: quote, near: quoteStart },
      },
    },
  };
}

/** A clause that opens with "not" refuses, whatever modal follows inside it. */
function notTrigger(body: string): { stance: Stance; index: number; text: string; intention: boolean } | null {
  return /^\s*not\s/u.test(body) ? { stance: 'refuses', index: body.search(/\S/u), text: 'not', intention: false } : null;
}

/** Where "a peace agreement between Russia and Ukraine, which, … will only" starts: its last noun phrase. */
function antecedentStart(text: string, from: number, to: number): number {
  const before = text.slice(from, to);
  const which = before.search(/,\s*which\b/u);
  if (which < 0) return from;
  // The noun phrase the clause is about, not one inside its prepositional phrase ("in the north").
  const articles = [...before.slice(0, which).matchAll(/\b(?:a|an|the)\s/gu)];
  const article = articles.reverse().find((m) => !/\b(?:in|of|on|at|from|with|by|near|between|for)\s+$/u.test(before.slice(0, m.index))) ?? articles[0];
  return from + (article?.index ?? 0);
}

function firstTrigger(body: string): { stance: Stance; index: number; text: string; intention: boolean } | null {
  let best: { stance: Stance; index: number; text: string; intention: boolean } | null = null;
  for (const { stance, pattern, intention } of TRIGGERS) {
    const match = pattern.exec(body);
    if (match && (!best || match.index < best.index)) best = { stance, index: match.index, text: match[0], intention };
  }
  if (!best && /^\s*not\b/u.test(body)) best = { stance: 'refuses', index: body.search(/\S/u), text: 'not', intention: false };
  return best;
}

function findActor(
  sentence: Sentence,
  clause: Clause,
  triggerAt: number,
  inherited: Actor | null,
  inQuote: boolean,
  intention: boolean,
  context: SentenceContext,
): Actor | null {
  const { text, names } = context;
  if (text.startsWith('there', triggerAt)) {
    // "there would be no deployment": the commitment is the speaker's.
    const speaker = context.speaker();
    return speaker && speaker.mention.start < triggerAt ? speaker : null;
  }
  const end = subjectEnd(text, clause.start, triggerAt);
  const subject = nounPhraseBefore(text, clause.start, end);
  if (!subject) return clause.coordinated ? inherited : null;
  if (/\b(?:what|whether|how|why|if|when|where)\s+$/iu.test(text.slice(Math.max(clause.start, subject.start - 10), subject.start))) return null;
  if (/^(?:whoever|whomever|whatever|whichever)$/iu.test(subject.text.split(/\s+/u)[0]!)) return null;
  const word = subject.text.toLowerCase();
  if (inQuote) {
    // In a quotation only "I" and "we" commit the speaker; anything else is a claim.
    if (!/^(?:i|we)$/u.test(word)) return null;
    const speaker = context.quoteSpeaker();
    return speaker ? { mention: subject, name: speaker.name } : null;
  }
  const reported =
    SPEECH.test(removeQuotes(text, sentence.start, triggerAt, context)) || SPEECH_AFTER.test(text.slice(triggerAt, sentence.end)) || HEDGED_FRAME.test(text.slice(sentence.start, triggerAt));
  if (!reported && !intention) return null;
  // "Ms Nair said the council would not pay …, but it will waive …": "it" is the council.
  if (word === 'it' && clause.coordinated && inherited) return { mention: subject, name: inherited.name };
  const speaker = context.speaker();
  // "The union said it would …": "it" and "they" after a speech verb are the speaker.
  if (/^(?:it|they)$/u.test(word) && !/^(?:could|may|might)\b/u.test(text.slice(triggerAt, triggerAt + 6)) && speaker && speaker.mention.end <= subject.start && !NameIndex.isPronoun(speaker.mention.text)) {
    return { mention: subject, name: speaker.name };
  }
  if (!isAgent(subject.text)) return null;
  return resolveActor(text, subject, names, sentence, speaker);
}

function removeQuotes(text: string, from: number, to: number, context: SentenceContext): string {
  let out = '';
  let at = from;
  for (const q of context.quotes) {
    if (q.end <= from || q.start >= to) continue;
    out += text.slice(at, Math.max(at, q.start));
    at = Math.max(at, q.end);
  }
  return out + text.slice(at, Math.max(at, to));
}

/** What was committed to, in a few words: the verb phrase after the trigger. */
function actionOf(after: string, trigger: string): string {
  // "there would be no deployment of …" refuses the deployment: the stance carries the "no".
  const phrase = after
    .replace(/[“”"]/gu, '')
    .split(/,\s|;|\s+—|\s+but\s+|\s+if\s+|\s+unless\s+/u)[0]!
    .replace(/^\s*(?:be\s+)?/u, '')
    .replace(/^(?:not\s+)?(?:the\s+)?/u, trigger === 'not' ? '' : '$&')
    .trim();
  return shortAction(phrase) || trigger;
}
