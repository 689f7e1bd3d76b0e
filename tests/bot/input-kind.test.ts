import { describe, expect, it } from 'vitest';
import { inputKind } from '../../src/bot/input-kind.js';

describe('inputKind', () => {
  it.each([
    ['https://news.example/a?b=1', 'url'],
    ['  http://news.example/a  ', 'url'],
    ['file:///etc/passwd', 'url'],
  ])('%s is a URL', (input, kind) => expect(inputKind(input)).toBe(kind));

  it.each([
    ['-'],
    ['examples/harbour-council.txt'],
    ['/home/ed/My Stories/council meeting.txt'],
    ['./notes'],
    ['~/story draft'],
    ['C:\\Users\\ed\\story.md'],
    ['story'],
  ])('%s is a path', (input) => expect(inputKind(input)).toBe('path'));

  it.each([
    ['The mayor of Riverton said on Tuesday that the library will reopen.'],
    ['Council backs flood wall\nThe council voted on Monday.'],
    ['https://news.example/a is where the mayor said it'],
    ['Mayor says no'],
    [`${'word '.repeat(1000)}story.txt`],
  ])('%s is pasted text', (input) => expect(inputKind(input)).toBe('text'));
});
