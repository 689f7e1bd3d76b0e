import type { Story } from '../../story/story.js';
import { NOT_IN_STORY } from '../../citations/gate.js';
import type { AnswerDraft } from '../engine.js';
import { placeOf } from './names.js';
import { isStopword, stem, tokenize } from './words.js';

/** Words a question can use for what a story says another way. */
const SYNONYMS: Record<string, string> = {
  deploy: 'send', dispatch: 'send', promis: 'pledg', commit: 'pledg', vow: 'pledg', agre: 'pledg',
  soldier: 'troop', personnel: 'troop', force: 'troop', talk: 'negotiat', discus: 'negotiat',
};
const QUESTION_WORDS = new Set(['what', 'who', 'whom', 'which', 'when', 'where', 'why', 'how', 'did', 'does', 'do', 'will', 'would', 'is', 'are', 'was', 'were', 'can', 'could', 'should', 'has', 'have']);

/** A term of the question: a named place or party that must appear, or a content word. */
interface Terms {
  /** Canonical names the question is about; a sentence must mention every one. */
  entities: Set<string>;
  /** Stems of the other content words. */
  words: Set<string>;
}

/**
 * Answers from the sentences that best match the question. It answers only when a sentence
 * names every party the question names and shares at least half of its other content words;
 * otherwise it says the story does not say.
 */
export function answer(question: string, stories: Story[]): AnswerDraft {
  const terms = questionTerms(question);
  const matches: Array<{ story: Story; start: number; end: number; score: number }> = [];
  for (const story of stories) {
    for (const sentence of story.sentences) {
      const score = scoreSentence(story.text.slice(sentence.start, sentence.end), terms);
      if (score > 0) matches.push({ story, start: sentence.start, end: sentence.end, score });
    }
  }
  matches.sort((a, b) => b.score - a.score);
  const top = matches[0];
  if (!top) return { answer: NOT_IN_STORY, quotes: [], grounded: false };
  const best = matches.filter((m) => m.score >= top.score * 0.8).slice(0, 2);
  best.sort((a, b) => a.start - b.start);
  const sentences = best.map((m) => m.story.text.slice(m.start, m.end));
  return {
    answer: `According to the story: ${sentences.join(' ').replace(/["“”]/gu, '')}`,
    quotes: best.map((m, i) => ({ storyId: m.story.id, quote: { text: sentences[i]!, near: m.start } })),
    grounded: true,
  };
}

function questionTerms(question: string): Terms {
  const entities = new Set<string>();
  const words = new Set<string>();
  tokenize(question).forEach((token, i) => {
    const lower = token.text.toLowerCase();
    // "US" the country is not the stopword "us".
    const country = /^(?:US|U\.S)$/u.test(token.text);
    if (!country && (QUESTION_WORDS.has(lower) || isStopword(lower))) return;
    const place = placeOf(token.text);
    if (place) entities.add(place);
    else if (i > 0 && /^\p{Lu}/u.test(token.text)) entities.add(token.text);
    else words.add(normalise(token.text));
  });
  return { entities, words };
}

/** 0 when the sentence does not answer; otherwise higher for a closer match. */
function scoreSentence(sentence: string, terms: Terms): number {
  const tokens = tokenize(sentence);
  const found = new Set<string>();
  const stems = new Set<string>();
  for (const token of tokens) {
    found.add(placeOf(token.text) ?? token.text);
    stems.add(normalise(token.text));
  }
  for (const entity of terms.entities) if (!found.has(entity)) return 0;
  let shared = 0;
  for (const word of terms.words) if (stems.has(word)) shared++;
  const needed = Math.max(1, Math.ceil(terms.words.size / 2));
  if (terms.words.size > 0 && shared < needed) return 0;
  if (terms.entities.size === 0 && shared === 0) return 0;
  return shared + terms.entities.size - tokens.length / 1000;
}

function normalise(word: string): string {
  const s = stem(word);
  return SYNONYMS[s] ?? s;
}
