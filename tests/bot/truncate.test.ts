import { describe, expect, it } from 'vitest';
import { truncate } from '../../src/bot/truncate.js';

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('short enough', 12)).toBe('short enough');
  });

  it('cuts at a word boundary and ends with an ellipsis, within the limit', () => {
    const cut = truncate('the harbour council voted to raise the wall', 20);
    expect(cut).toBe('the harbour council…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it('cuts inside a long word when no space is near', () => {
    expect(truncate('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghi…');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀cdef', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });

  it('handles limits smaller than the ellipsis', () => {
    expect(truncate('abc', 0)).toBe('');
    expect(truncate('abc', 1)).toBe('…');
  });
});
