import { describe, expect, it } from 'vitest';
import { firstUnreadableLine } from '../src/env-file.js';

describe('firstUnreadableLine', () => {
  it('accepts assignments, export, comments, blank lines and empty values', () => {
    expect(firstUnreadableLine('# c\n\nA=1\nexport B = two\n  C=\nD.E-F=x # note\r\nG=\'q\'\n')).toBeUndefined();
  });

  it('accepts a quoted value that runs over several lines', () => {
    expect(firstUnreadableLine('KEY="-----BEGIN\nabc\n-----END"\nNEXT=1\n')).toBeUndefined();
  });

  it('names the first line that is not NAME=value', () => {
    expect(firstUnreadableLine('A=1\nSLACK_BOT_TOKEN xoxb-1\nB=2\n')).toBe(2);
    expect(firstUnreadableLine('A=1\n=value\n')).toBe(2);
    expect(firstUnreadableLine('1A=x\n')).toBe(1);
  });

  it('names the line of a quote that is never closed', () => {
    expect(firstUnreadableLine('A=1\nB="open\nC=3\n')).toBe(2);
  });
});
