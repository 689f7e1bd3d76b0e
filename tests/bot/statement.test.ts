import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/bot/render-plain.js';
import { restatesQuote, shownStatement } from '../../src/bot/statement.js';

const SENTENCE = 'Council leader Amira Haddad said the council will fund the first phase from its reserves.';

describe('restatesQuote', () => {
  it('holds for the same words, whatever the case and punctuation', () => {
    expect(restatesQuote(SENTENCE, SENTENCE)).toBe(true);
    expect(restatesQuote('council leader amira haddad said the council will fund the first phase from its reserves', SENTENCE)).toBe(true);
  });

  it('holds when at least 90 % of the words are shared, and not below', () => {
    // 15 words; one changed word leaves 14/15 = 93 %, two leave 13/15 = 87 %.
    expect(restatesQuote(SENTENCE.replace('reserves', 'savings'), SENTENCE)).toBe(true);
    expect(restatesQuote(SENTENCE.replace('reserves', 'savings').replace('first', 'second'), SENTENCE)).toBe(false);
  });

  it('does not hold for a short statement of a long quote, or the other way round', () => {
    expect(restatesQuote('The council will fund the wall', SENTENCE)).toBe(false);
    expect(restatesQuote(SENTENCE, 'will fund the first phase')).toBe(false);
    expect(restatesQuote('', SENTENCE)).toBe(false);
  });
});

describe('one rendering of a point', () => {
  it('shownStatement drops a statement that restates any of its quotes, and keeps one in other words', () => {
    expect(shownStatement({ type: 'cited', text: SENTENCE, quotes: ['other words', SENTENCE] })).toBeNull();
    expect(shownStatement({ type: 'cited', text: 'The council pays', quotes: [SENTENCE] })).toBe('The council pays');
  });

  it('the plain rendering (shell chat, CLI) shows a point that is its quote once, as the quote', () => {
    const text = renderPlain({
      blocks: [
        { type: 'cited', text: SENTENCE, quotes: [SENTENCE] },
        { type: 'cited', label: 'Haddad · commits', text: 'fund the first phase', quotes: [SENTENCE] },
      ],
    });
    expect(text.split('\n')).toEqual([`- “${SENTENCE}”`, '- [Haddad · commits] fund the first phase', `    “${SENTENCE}”`]);
  });

  it('an answer that is its quote, after a lead-in such as "According to the story:", is shown once too', () => {
    const text = renderPlain({ blocks: [{ type: 'context', text: 'Q: Who pays?' }, { type: 'cited', text: `According to the story: ${SENTENCE}`, quotes: [SENTENCE] }] });
    expect(text.split('\n')).toEqual(['(Q: Who pays?)', `- “${SENTENCE}”`]);
    expect(shownStatement({ type: 'cited', text: 'The council says: it will build a wall', quotes: [SENTENCE] })).toBe('The council says: it will build a wall');
  });

  it('an answer drawn from two sentences, its text the two run together, is shown once, as its two quotes', () => {
    const second = 'The rest will come from a government grant, she added.';
    const block = { type: 'cited' as const, text: `According to the story: ${SENTENCE} ${second}`, quotes: [SENTENCE, second] };
    expect(shownStatement(block)).toBeNull();
    expect(renderPlain({ blocks: [block] }).split('\n')).toEqual([`- “${SENTENCE}”`, `    “${second}”`]);
    // Two quotes do not excuse a statement that says more than both.
    expect(shownStatement({ ...block, text: `${SENTENCE} The mayor opposed it and the vote was close.` })).not.toBeNull();
  });
});
