import { describe, expect, it } from 'vitest';
import { matterOf, objectWords, sameMatter } from '../../src/ledger/matter.js';

const same = (a: string, b: string) => sameMatter(matterOf(a), matterOf(b));

describe('the object of an action', () => {
  it.each([
    ['send troops to Ukraine next month', ['troop']],
    ['send aid to Ukraine', ['aid']],
    ['not close the Harbour Road library', ['harbour', 'road', 'library']],
    ['cut bus fares by 10%', ['bus', 'far']],
    ['raise defence spending above 2%', ['defenc', 'spend']],
    ['rule out new taxes on fuel', ['tax']],
    ['spend more on defence', ['defenc']],
    ['raise council tax next year', ['council', 'tax']],
  ])('%s is about %j', (action, object) => {
    expect(objectWords(action)).toEqual(object);
  });
  it('is empty when the verb has none', () => {
    expect(objectWords('resign')).toEqual([]);
  });
});

describe('same matter', () => {
  it('needs the same object, not only shared words', () => {
    expect(same('send troops to Ukraine', 'send aid to Ukraine')).toBe(false);
    expect(same('impose sanctions on Russia', 'deploy troops to Russia')).toBe(false);
    expect(same('cut bus fares', 'cut rail fares')).toBe(false);
  });
  it('meets across the forms news copy uses for one matter', () => {
    expect(same('send troops to Ukraine', 'send 5,000 troops to Ukraine next month')).toBe(true);
    expect(same('send troops to Ukraine', 'deploy troops in Ukraine')).toBe(true);
    expect(same('close the Harbour Road library', 'keep the Harbour Road library open')).toBe(true);
    expect(same('raise defence spending above 2%', 'spend more on defence')).toBe(true);
    expect(same('ban imports of Russian oil', 'ban Russian oil imports')).toBe(true);
    expect(same('raise taxes', 'raise the tax on fuel')).toBe(true);
  });
  it('keeps apart actions with nothing in common', () => {
    expect(same('send troops to Ukraine', 'cut tariffs on steel')).toBe(false);
    expect(same('resign', 'meet Putin')).toBe(false);
  });
});
