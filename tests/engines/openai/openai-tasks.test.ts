import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { OpenAIEngine } from '../../../src/engines/openai/openai-engine.js';
import { loadPrompts } from '../../../src/engines/openai/prompts.js';
import { EngineError } from '../../../src/errors.js';
import { createStore } from '../../../src/store/create-store.js';
import { buildStory } from '../../../src/story/build-story.js';
import { WorkerPool } from '../../../src/workers/pool.js';
import type { TaskReport } from '../../../src/workers/pool.js';
import { inlineTasks } from '../../../src/workers/tasks.js';
import type { TaskInputs, TaskName, TaskOutputs, TaskRunner } from '../../../src/workers/tasks.js';
import { harbourText } from '../../helpers/articles.js';
import { lastUserMessage, startFakeOpenAI } from '../../helpers/fake-openai.js';
import type { FakeOpenAI, FakeReply, Responder } from '../../helpers/fake-openai.js';

const story = buildStory({ text: harbourText(), source: { kind: 'text', ref: 'harbour' } });
const WALL = 'The Kestrel Bay harbour council voted on Monday to build a flood wall along the eastern quay';
const BOATS = 'We cannot ask the boats to pay for the sea getting higher';
const FERRY = 'The ferry operator, Bayline, refused to commit to a winter timetable.';
const goodSummary = { points: [{ text: 'The harbour council voted to build a flood wall on the eastern quay.', quotes: [WALL] }] };

/** Runs every task inline, records each call as `name:task`, and lets a test replace one task's answer. */
class RecordingTasks implements TaskRunner {
  readonly calls: string[] = [];
  constructor(private readonly override: Partial<{ [K in TaskName]: (input: TaskInputs[K]) => TaskOutputs[K] }> = {}) {}
  async run<K extends TaskName>(name: K, input: TaskInputs[K], signal?: AbortSignal): Promise<TaskOutputs[K]> {
    this.calls.push(`${name}:${(input as { task?: string }).task ?? ''}`);
    const own = this.override[name] as ((input: TaskInputs[K]) => TaskOutputs[K]) | undefined;
    return own ? own(input) : inlineTasks.run(name, input, signal);
  }
}

let fake: FakeOpenAI | undefined;
let pool: WorkerPool | undefined;

afterEach(async () => {
  await fake?.close();
  await pool?.close();
  fake = undefined;
  pool = undefined;
});

async function engineWith(tasks: TaskRunner, respond: Responder | FakeReply[]): Promise<OpenAIEngine> {
  fake = await startFakeOpenAI(respond);
  return new OpenAIEngine({ apiKey: 'k', baseURL: fake.baseURL, model: 'm', timeoutMs: 5_000, maxRetries: 0, contextTokens: 16_000, prompts: loadPrompts(), tasks });
}

const signal = new AbortController().signal;

describe('OpenAIEngine runs its reply checks and gate through the injected TaskRunner', () => {
  it.each([
    ['summarise', { json: goodSummary }, (e: OpenAIEngine) => e.summarise(story, signal)],
    ['attributions', { json: { attributions: [{ source: null, speaker: 'Amira Haddad', cue: null, content: BOATS, direct: true }] } }, (e: OpenAIEngine) => e.attributions(story, signal)],
    [
      'commitments',
      { json: { commitments: [{ actor: 'Bayline', actorMention: null, action: 'commit to a winter timetable', stance: 'refuses', condition: null, quote: FERRY }] } },
      (e: OpenAIEngine) => e.commitments(story, signal),
    ],
    ['answer', { json: { answer: 'It will build a flood wall.', grounded: true, quotes: [{ storyId: story.id, quote: WALL }] } }, (e: OpenAIEngine) => e.answer('What will the council build?', [story], signal)],
  ] as const)('%s: one check of the reply, then the gate', async (task, reply, call) => {
    const tasks = new RecordingTasks();
    await call(await engineWith(tasks, [reply]));
    expect(tasks.calls).toEqual([`check:${task}`, `gate:${task}`]);
  });

  it('sends the repair lines the runner found, not ones of its own', async () => {
    const tasks = new RecordingTasks({ check: () => ['- a problem only the runner knows of'] });
    const engine = await engineWith(tasks, [{ json: goodSummary }, { json: goodSummary }]);
    await engine.summarise(story, signal);
    expect(fake!.requests).toHaveLength(2);
    expect(lastUserMessage(fake!.requests[1]!)).toContain('- a problem only the runner knows of');
  });

  it("rejects a reply the runner's gate verifies nothing of, however good it is", async () => {
    const tasks = new RecordingTasks({ gate: () => ({ value: { points: [] }, dropped: 1 }) as unknown as TaskOutputs['gate'] });
    const engine = await engineWith(tasks, [{ json: goodSummary }]);
    const error = await engine.summarise(story, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('LLM_UNVERIFIED');
  });

  it("createEngine hands the openai engine the app's TaskRunner", async () => {
    fake = await startFakeOpenAI([{ json: goodSummary }]);
    const tasks = new RecordingTasks();
    const store = await createStore('memory://');
    try {
      const config = loadConfig({ STORE_URL: 'memory://', OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'm' });
      const engine = await createEngine(config, store, tasks);
      expect(engine.name).toBe('openai');
      await engine.summarise(story, signal);
      expect(tasks.calls).toEqual(['check:summarise', 'gate:summarise']);
    } finally {
      await store.close();
    }
  });

  it('on the worker pool, the checks run in a thread and the verified draft comes back', async () => {
    const reports: TaskReport[] = [];
    pool = new WorkerPool({ threads: 1, maxMemoryMb: 256, ingestTimeoutMs: 10_000, engineTimeoutMs: 10_000, onTask: (r) => reports.push(r) });
    const engine = await engineWith(pool, [{ json: goodSummary }]);
    const draft = await engine.summarise(story, signal);
    expect(draft.points.map((p) => p.text)).toEqual([goodSummary.points[0]!.text]);
    expect(reports.map((r) => [r.name, r.outcome])).toEqual([
      ['check', 'ok'],
      ['gate', 'ok'],
    ]);
  });
});
