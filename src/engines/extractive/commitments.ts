import type { Sentence, Story } from '../../story/story.js';
import type { CommitmentDraft, Stance } from '../engine.js';
import { resolveMention, subjectBefore } from './clauses.js';
import type { Mention } from './clauses.js';
import { CUE_VERBS, cuePattern } from './cues.js';
import { NameIndex } from './names.js';

/** A phrase that signals a stance, most specific first within each stance. */
interface Trigger {
  stance: Stance;
  pattern: RegExp;
}

const TRIGGERS: Trigger[] = [
  {
    stance: 'refuses',
    pattern:
      /\b(?:there (?:would|will) be no|(?:will|would|shall|could|can)(?: not|n['’]t)|won['’]t|will never|refus\w* to|declin\w* to|rul(?:ed|es|ing) out|reject\w*|no deployment)\b/u,
  },
  { stance: 'conditional', pattern: /\b(?:will|would) only\b/u },
  {
    stance: 'commits',
    pattern:
      /\b(?:(?:is|are|was|were|be)(?: \w+ly)? (?:ready|prepared|willing|set|committed) to|(?:is|are|was|were)(?: \w+ly)? preparing to|pledg\w*|promis\w*|vow\w*|commit\w* to|agree[sd]?(?: \w+ly)? to|guarantee[sd]? (?:to|that)|plans? to|intends? to|will|shall)\b/u,
  },
  {
    stance: 'considering',
    pattern: /\b(?:consider\w*|weigh\w*|explor\w*|discuss\w*|mull\w*|open to|could|may|might)\b/u,
  },
];

const GROUP = /\b(?:officials|leaders|ministers|government|governments|partners|allies|coalition|troops|forces|military|administration|president|minister|secretary|countries|nations|members|parliament|council|union|authority|agency|company|committee|department|ministry|board|firm|operator|association|party|court|police|commission|government|team|club|school|university|hospital|bank|group)\b/iu;
const NOT_ACTOR = /^(?:there|it|this|that|which|what|these|those|who)$/iu;
const CONDITION = /\b(?:only if|if|unless|provided(?: that)?|as long as|on condition that)\s+(.+)$/u;
const NOT_A_CLAIM = /\b(?:signs?|hopes?|whether|doubts?|question|fears?|unclear)\s+(?:that\s+)?$/iu;
/** Boundaries between the clauses of a sentence: coordination, or a speech verb + "that". */
const CLAUSE_BREAK = new RegExp(
  `(?:,?\\s+but\\s+|;\\s+|\\s+and\\s+(?=(?:will|would|could|shall|is|are|was|were)\\b)|\\b(?:${CUE_VERBS})\\s+that\\s+)`,
  'gu',
);

/**
 * Who committed to what, by rule. Each clause of a sentence is read for the first phrase that
 * signals a stance ("will not", "agreed to", "could … if"); the actor is the clause's subject
 * when it names someone, else whoever the sentence says is speaking.
 */
export function commitments(story: Story): CommitmentDraft[] {
  const names = new NameIndex(story.text);
  const drafts: CommitmentDraft[] = [];
  story.sentences.forEach((sentence, index) => {
    const previous = index > 0 ? story.sentences[index - 1]! : null;
    let inherited: { mention: Mention; name: string } | null = null;
    for (const clause of clauses(story.text, sentence)) {
      const draft = readClause(story.text, sentence, clause, previous, inherited, names);
      if (draft) {
        drafts.push(draft.commitment);
        inherited = draft.actor;
      }
    }
  });
  return drafts;
}

interface Clause {
  start: number;
  end: number;
  /** The clause follows "but" or ";" and may share the previous clause's subject. */
  coordinated: boolean;
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
  text: string,
  sentence: Sentence,
  clause: Clause,
  previous: Sentence | null,
  inherited: { mention: Mention; name: string } | null,
  names: NameIndex,
): { commitment: CommitmentDraft; actor: { mention: Mention; name: string } } | null {
  const body = text.slice(clause.start, clause.end);
  const trigger = firstTrigger(body);
  if (!trigger) return null;
  const triggerAt = clause.start + trigger.index;
  if (NOT_A_CLAIM.test(text.slice(Math.max(sentence.start, triggerAt - 60), triggerAt).replace(/\S+\s+\S+\s*$/u, ''))) {
    return null;
  }
  const actor = findActor(text, sentence, clause, triggerAt, inherited, names);
  if (!actor) return null;

  const after = body.slice(trigger.index + trigger.text.length);
  const condition = conditionOf(after) ?? (trigger.stance === 'considering' && /\bcould\b/u.test(trigger.text) ? conditionOf(previous ? text.slice(previous.start, previous.end) : '') : null);
  let stance = trigger.stance;
  if (condition && (stance === 'commits' || stance === 'considering')) stance = 'conditional';
  if (/^\s*not\b/u.test(body) && clause.coordinated) stance = 'refuses';

  const quoteStart = Math.min(actor.mention.start >= clause.start ? actor.mention.start : clause.start, triggerAt);
  const quote = text.slice(quoteStart, clause.end).replace(/(?:,\s*(?:who|which))?[\s,;]*$/u, '');
  return {
    actor,
    commitment: {
      actor: actor.name,
      actorMention: { text: actor.mention.text, near: actor.mention.start },
      action: actionOf(after, trigger.text),
      stance,
      condition: stance === 'conditional' ? (condition ?? conditionOf(body) ?? null) : null,
      quote: { text: quote, near: quoteStart },
    },
  };
}

function firstTrigger(body: string): { stance: Stance; index: number; text: string } | null {
  let best: { stance: Stance; index: number; text: string } | null = null;
  for (const { stance, pattern } of TRIGGERS) {
    const match = pattern.exec(body);
    if (match && (!best || match.index < best.index)) best = { stance, index: match.index, text: match[0] };
  }
  if (!best && /^\s*not\b/u.test(body)) best = { stance: 'refuses', index: body.search(/\S/u), text: 'not' };
  return best;
}

function findActor(
  text: string,
  sentence: Sentence,
  clause: Clause,
  triggerAt: number,
  inherited: { mention: Mention; name: string } | null,
  names: NameIndex,
): { mention: Mention; name: string } | null {
  const subject = subjectBefore(text, clause.start, triggerAt);
  if (subject && isActor(subject.text)) {
    if (/^they$/iu.test(subject.text)) {
      const group = lastGroupBefore(text, sentence.start, subject.start);
      if (group) return { mention: subject, name: names.canonical(group) };
    }
    return resolveMention(text, subject, names, sentence.start);
  }
  if (!subject && clause.coordinated && inherited) return inherited;
  // Only an empty or dummy subject ("there would be no …") hands the commitment to the speaker.
  if (subject && !NOT_ACTOR.test(subject.text.trim())) return null;
  const cues = [...text.slice(sentence.start, triggerAt).matchAll(cuePattern())];
  const cue = cues[cues.length - 1];
  if (!cue) return null;
  const speaker = subjectBefore(text, sentence.start, sentence.start + cue.index);
  return speaker && isActor(speaker.text) ? resolveMention(text, speaker, names, sentence.start) : null;
}

/** A subject that names someone who can commit: a name, a group, or a pronoun for one. */
function isActor(mention: string): boolean {
  const words = mention.trim().split(/\s+/u);
  if (words.length === 1 && NOT_ACTOR.test(words[0]!)) return false;
  if (NameIndex.isPronoun(mention)) return /^(?:he|she|they|we|i)$/iu.test(mention.trim());
  // The head is what comes before "of"/"for": "leaders of the Coalition", not "guarantees for Ukraine".
  const head = mention.trim().split(/\s+(?:of|for|in|on|at|from|with|to)\s+/u)[0]!.split(/\s+/u);
  return head.some((w, i) => /^\p{Lu}/u.test(w) && (i > 0 || !/^(?:The|A|An|Only|Some)$/u.test(w))) || GROUP.test(head.join(' '));
}

function lastGroupBefore(text: string, from: number, to: number): string | null {
  const groups = [...text.slice(from, to).matchAll(/\b(?:\p{Lu}\p{L}+\s+)?(?:leaders|officials|ministers|governments|partners|allies|countries)\b/gu)];
  return groups.length > 0 ? groups[groups.length - 1]![0] : null;
}

function conditionOf(text: string): string | null {
  const match = CONDITION.exec(text);
  if (!match) return null;
  return match[1]!.replace(/[\s.,;!?"“”’]+$/u, '').split(/,\s+but\s+/u)[0]!.trim() || null;
}

/** What was committed to, in a few words: the verb phrase after the trigger. */
function actionOf(after: string, trigger: string): string {
  const phrase = after
    .replace(/[“”"]/gu, '')
    .split(/,\s|;|\s+—|\s+but\s+|\s+if\s+|\s+unless\s+/u)[0]!
    .replace(/^\s*(?:be\s+)?/u, '')
    .trim();
  const words = phrase.split(/\s+/u).filter(Boolean).slice(0, 12).join(' ');
  const negation = /no deployment/u.test(trigger) ? 'deployment ' : '';
  return (negation + words).replace(/[.!?]+$/u, '') || trigger;
}
