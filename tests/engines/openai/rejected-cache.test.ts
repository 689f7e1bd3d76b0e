import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExtractiveEngine } from '../../../src/engines/extractive/extractive-engine.js';
import { OpenAIEngine } from '../../../src/engines/openai/openai-engine.js';
import { loadPrompts } from '../../../src/engines/openai/prompts.js';
import type { Prompts } from '../../../src/engines/openai/prompts.js';
import { Newsroom } from '../../../src/newsroom.js';
import { createStore } from '../../../src/store/create-store.js';
import type { Store } from '../../../src/store/store.js';
import { buildStory } from '../../../src/story/build-story.js';
import { harbourText } from '../../helpers/articles.js';
import { startFakeOpenAI } from '../../helpers/fake-openai.js';
import type { FakeOpenAI, Responder } from '../../helpers/fake-openai.js';

const prompts = loadPrompts();
const story = buildStory({ text: harbourText(), source: { kind: 'text', ref: 'harbour' } });
const TTL_MS = 10 * 60_000;

/** A model whose every answer quotes words the story does not contain, repair or not. */
const neverVerifies: Responder = (request) =>
  request.body.response_format?.json_schema?.name === 'commitments'
    ? { json: { commitments: [{ actor: 'The mayor', actorMention: null, action: 'resign', stance: 'commits', condition: null, quote: 'The mayor will resign on Friday' }] } }
    : { json: { points: [{ text: 'The mayor resigned.', quotes: ['The mayor resigned on Monday'] }] } };

let fake: FakeOpenAI | undefined;
let store: Store | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await fake?.close();
  fake = undefined;
  await store?.close();
  store = undefined;
});

function engineFor(promptSet: Prompts = prompts): OpenAIEngine {
  return new OpenAIEngine({ apiKey: 'k', baseURL: fake!.baseURL, model: 'test-model', timeoutMs: 5_000, maxRetries: 0, contextTokens: 16_000, prompts: promptSet });
}

async function setUp(): Promise<{ newsroom: () => Newsroom; engine: OpenAIEngine }> {
  fake = await startFakeOpenAI(neverVerifies);
  store = await createStore('memory://');
  const engine = engineFor();
  return { engine, newsroom: () => new Newsroom({ store: store!, engine, fallback: new ExtractiveEngine(), rejectedResultTtlMs: TTL_MS }) };
}

async function summariseAndCommitments(newsroom: Newsroom) {
  return { summary: await newsroom.summarise(story), commitments: await newsroom.commitments(story) };
}

describe('Newsroom, when everything the model returns fails the checks', () => {
  it('caches the offline stand-in and its notice under the model\'s key: the same story costs the model nothing more', async () => {
    const { newsroom } = await setUp();
    const first = await summariseAndCommitments(newsroom());
    // Each task: the first answer, then one repair request.
    expect(fake!.requests).toHaveLength(4);
    expect(first.summary.engine).toBe('extractive');
    expect(first.summary.notice).toContain('no summary point from the model could be verified');
    expect(first.commitments.engine).toBe('extractive');
    expect(first.commitments.notice).toContain('no commitment from the model could be verified');

    // A new Newsroom over the same store: the cache, not process memory, answers.
    const second = await summariseAndCommitments(newsroom());
    expect(fake!.requests).toHaveLength(4);
    expect(second).toEqual(first);
  });

  it('asks the model again once the rejected result has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { newsroom } = await setUp();
    await summariseAndCommitments(newsroom());
    vi.setSystemTime(Date.now() + TTL_MS - 1_000);
    await summariseAndCommitments(newsroom());
    expect(fake!.requests).toHaveLength(4);
    vi.setSystemTime(Date.now() + 2_000);
    const later = await newsroom().summarise(story);
    expect(fake!.requests).toHaveLength(6);
    expect(later.notice).toContain('no summary point from the model could be verified');
  });

  it('asks the model again under a new prompt version', async () => {
    const { newsroom } = await setUp();
    await newsroom().summarise(story);
    expect(fake!.requests).toHaveLength(2);
    const edited = engineFor({ ...prompts, version: `${prompts.version}-edited` });
    await new Newsroom({ store: store!, engine: edited, fallback: new ExtractiveEngine(), rejectedResultTtlMs: TTL_MS }).summarise(story);
    expect(fake!.requests).toHaveLength(4);
    // The old version's entry is still there for engines on the old prompts.
    await newsroom().summarise(story);
    expect(fake!.requests).toHaveLength(4);
  });

  it('does not cache a fallback that stood in for an outage under the model\'s key', async () => {
    fake = await startFakeOpenAI([{ status: 400, body: { error: { message: 'bad request', type: 'invalid_request_error' } } }]);
    store = await createStore('memory://');
    const engine = engineFor();
    const make = () => new Newsroom({ store: store!, engine, fallback: new ExtractiveEngine(), rejectedResultTtlMs: TTL_MS });
    const first = await make().summarise(story);
    expect(first.engine).toBe('extractive');
    const before = fake.requests.length;
    await make().summarise(story);
    expect(fake.requests.length).toBeGreaterThan(before);
  });
});
