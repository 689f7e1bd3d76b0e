import { describe, expect, it } from 'vitest';
import { gateAttributions, gateCommitments, gateSummary } from '../../../src/citations/gate.js';
import type { AttributionDraft, CommitmentDraft, SummaryDraft } from '../../../src/engines/engine.js';
import { answer } from '../../../src/engines/extractive/answer.js';
import { attributions } from '../../../src/engines/extractive/attributions.js';
import { commitments } from '../../../src/engines/extractive/commitments.js';
import { summarise } from '../../../src/engines/extractive/summarise.js';
import { buildStory } from '../../../src/story/build-story.js';
import type { Story } from '../../../src/story/story.js';
import { growingStory, measureWork } from '../../helpers/work-meter.js';

/**
 * Every extractive task is linear in its input: on a story four times as long it does about
 * four times the work. Work is counted (elements and characters the built-ins visit), not
 * timed, so the bound can be tight: a step that rescans the story, its sentences or its
 * names for every sentence shows up as work growing with the square of the length.
 */
const SMALL = 40;
const GROWTH = 4;
/** Slack over exact proportionality; the tasks measure 3.98–4.00 on these stories. */
const ALLOWED = GROWTH * 1.1;

const tasks: Record<string, (story: Story) => void> = {
  story: (story) => void buildStory({ text: story.text, source: story.source }),
  summarise: (story) => void summarise(story),
  attributions: (story) => void attributions(story),
  commitments: (story) => void commitments(story),
  answer: (story) => void answer('What did Kalomer promise about the library?', [story]),
  gate: (story) => {
    const { summary, said, committed } = drafts.get(story)!;
    gateSummary(story, summary);
    gateAttributions(story, said);
    gateCommitments(story, committed);
  },
};

/** The drafts the gate checks, made before its work is counted. */
const drafts = new WeakMap<Story, { summary: SummaryDraft; said: AttributionDraft[]; committed: CommitmentDraft[] }>();

function storyOf(paragraphs: number): Story {
  const story = buildStory({ text: growingStory(paragraphs), source: { kind: 'file', ref: 'growing.txt' } });
  drafts.set(story, { summary: summarise(story), said: attributions(story), committed: commitments(story) });
  return story;
}

describe('work grows in proportion to the story', () => {
  const small = storyOf(SMALL);
  const large = storyOf(SMALL * GROWTH);

  it('has a story that names, quotes and commits more people as it grows', () => {
    expect(attributions(large).length).toBeGreaterThanOrEqual(GROWTH * attributions(small).length);
    expect(commitments(large).length).toBeGreaterThanOrEqual(GROWTH * commitments(small).length);
  });

  for (const [name, run] of Object.entries(tasks)) {
    it(`${name}: four times the story, at most ${ALLOWED.toFixed(1)} times the work`, () => {
      const base = measureWork(() => run(small));
      const grown = measureWork(() => run(large));
      expect(base).toBeGreaterThan(0);
      expect(grown / base).toBeLessThanOrEqual(ALLOWED);
    });
  }
});

/**
 * A hostile page may be one paragraph with no full stop in it. Sentences are cut at
 * MAX_SENTENCE_CHARS and the gate reads at most PARAGRAPH_REACH characters of a paragraph
 * before a quote, so work still grows with the text, not with its square.
 */
describe('work on one paragraph without a full stop grows in proportion to it', () => {
  const runOn = (units: number): Story =>
    buildStory({
      text: Array.from({ length: units }, (_, i) => `Smith${i % 7} said the council will promise to build the wall, which`).join(' ') + ' is late.',
      source: { kind: 'file', ref: 'run-on.txt' },
    });
  const small = runOn(150);
  const large = runOn(150 * GROWTH);
  const runOnTasks: Record<string, (story: Story) => void> = {
    attributions: (story) => void attributions(story),
    commitments: (story) => void commitments(story),
    summarise: (story) => void summarise(story),
    answer: (story) => void answer('What will the council build?', [story]),
  };
  for (const [name, run] of Object.entries(runOnTasks)) {
    it(`${name}: four times the paragraph, at most ${ALLOWED.toFixed(1)} times the work`, () => {
      const base = measureWork(() => run(small));
      expect(base).toBeGreaterThan(0);
      expect(measureWork(() => run(large)) / base).toBeLessThanOrEqual(ALLOWED);
    });
  }
});

describe('measureWork', () => {
  it('counts a rescan per element as quadratic', () => {
    const rescan = (n: number): number =>
      measureWork(() => {
        const items = Array.from({ length: n }, (_, i) => i);
        for (const item of items) items.some((other) => other > item);
      });
    expect(rescan(400) / rescan(100)).toBeGreaterThan(12);
  });

  it('counts the characters a backwards string search crosses', () => {
    const text = `${'x'.repeat(1000)}Lee${'y'.repeat(1000)}`;
    expect(measureWork(() => text.lastIndexOf('Lee', 2000))).toBeGreaterThanOrEqual(1000);
    expect(measureWork(() => text.lastIndexOf('Lee', 1003))).toBeLessThan(10);
  });

  it('counts a regular expression run over the whole text', () => {
    const text = 'a '.repeat(5000);
    expect(measureWork(() => /zz/u.exec(text))).toBeGreaterThanOrEqual(text.length);
  });
});
