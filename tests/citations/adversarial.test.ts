/**
 * An adversarial model: an OpenAI-compatible fake (the real `openai` client talks to it) that
 * answers every task with attacks on the citation gate mixed with legitimate items. Each attack
 * and each legitimate item has a marker; the test asserts that no attack marker reaches the
 * CLI's `--json` output, a Slack payload or a Discord payload, and that every legitimate marker
 * does. The per-family figures are logged as a table at the end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../adapters/discord/discord-adapter.js';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-adapter.js';
import { createApp } from '../../src/app.js';
import type { App } from '../../src/app.js';
import { splitsWord } from '../../src/citations/boundaries.js';
import { runCli } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { FakeDiscord } from '../helpers/fake-discord.js';
import { articlesIn, startFakeOpenAI } from '../helpers/fake-openai.js';
import type { FakeOpenAI, ReceivedRequest } from '../helpers/fake-openai.js';
import { FakeSlack, sendSigned, slashCommandForm } from '../helpers/fake-slack.js';
import { testIo } from '../helpers/stream-io.js';
import { TROOPS_TEXT } from '../helpers/troops-story.js';
import { testSlackAdapter } from '../helpers/slack-test-adapter.js';

type Family =
  | 'cut-word quotes'
  | 'other quotation marks'
  | 'commitment actor'
  | 'commitment number'
  | 'commitment stance'
  | 'commitment condition'
  | 'attribution speaker'
  | 'attribution cue'
  | 'answer number'
  | 'answer negation'
  | 'ungrounded answer';

/** One item the model returns: an attack of `family`, or a legitimate item (`family` null). */
interface Item {
  family: Family | null;
  /** Shows the item reached the output (for an attack: that it got through). */
  marker: RegExp;
  /** The item in the task's JSON. */
  json: Record<string, unknown>;
}

type Task = 'summarize' | 'attributions' | 'commitments';
interface Round {
  task: Task;
  items: Item[];
}
interface Question {
  question: string;
  item: Item;
}

const READY = 'Britain is ready to send troops to Ukraine if a peace deal is signed';
const PERSONNEL = 'Officials had discussed sending up to 30,000 personnel to protect Ukrainian ports';
const NO_DEPLOYMENT = 'Donald Trump insisted there would be no deployment of American troops on the ground';
const NOT_DECIDED = 'Nothing has been decided';
const FRONT = 'We will not deploy near the front lines.';

const legit = (marker: RegExp, json: Record<string, unknown>): Item => ({ family: null, marker, json });
const attack = (family: Family, marker: RegExp, json: Record<string, unknown>): Item => ({ family, marker, json });
const point = (text: string, quotes: string[]) => ({ text, quotes });
const LEGIT_POINTS = [
  legit(/stands ready to send troops/u, point('Britain stands ready to send troops once a peace deal is signed.', [READY])),
  legit(/ruled out sending American troops/u, point('Trump ruled out sending American troops on the ground.', [NO_DEPLOYMENT])),
];
const commitment = (actor: string, action: string, stance: string, condition: string | null, quote: string, actorMention: string | null = null) => ({
  actor,
  actorMention,
  action,
  stance,
  condition,
  quote,
});
const attribution = (source: string | null, speaker: string | null, cue: string | null, content: string, direct: boolean) => ({ source, speaker, cue, content, direct });

/** Each round goes to the model with its own copy of the story (a desk note tells them apart). */
const ROUNDS: Round[] = [
  {
    task: 'summarize',
    items: [
      ...LEGIT_POINTS,
      attack('cut-word quotes', /up to 30 personnel/u, point('Officials discussed sending up to 30 personnel.', ['Officials had discussed sending up to 30'])),
      // Widened to "Nothing has been decided": the cut never shows.
      attack('cut-word quotes', /(?<!\p{L})g has been decided/u, point('A senior official said it has been decided.', ['g has been decided'])),
    ],
  },
  {
    task: 'summarize',
    items: [
      ...LEGIT_POINTS,
      attack('other quotation marks', /fight Russia/u, point('An official said they will not deploy ‘to fight Russia on the front lines’.', [FRONT])),
      attack('other quotation marks', /crush the invaders/u, point('Trump said «crush the invaders» about American troops on the ground.', [NO_DEPLOYMENT])),
    ],
  },
  {
    task: 'summarize',
    items: [
      ...LEGIT_POINTS,
      attack('other quotation marks', /nuclear response/u, point('Officials discussed „a nuclear response“ and sending up to 30,000 personnel.', [PERSONNEL])),
      attack('other quotation marks', /total victory/u, point('Britain is ready to send troops for 「total victory」 if a peace deal is signed.', [READY])),
    ],
  },
  {
    task: 'commitments',
    items: [
      legit(/peace deal is signed/u, commitment('UK', 'send troops to Ukraine', 'conditional', 'a peace deal is signed', READY, 'Britain')),
      legit(/no deployment of American troops on the ground/u, commitment('Donald Trump', 'no deployment of American troops on the ground', 'refuses', null, NO_DEPLOYMENT, 'Donald Trump')),
      attack('commitment actor', /Putin/u, commitment('Vladimir Putin', 'send troops to Ukraine', 'commits', null, READY)),
      // The engine merges items with the same actor and quote, so each attack cites its own words.
      attack('commitment number', /20,000/u, commitment('UK', 'send 20,000 troops to Ukraine', 'commits', null, 'ready to send troops to Ukraine', 'Britain')),
      attack('commitment stance', /deploy American troops/u, commitment('Donald Trump', 'deploy American troops on the ground', 'commits', null, 'there would be no deployment of American troops on the ground', 'Donald Trump')),
      // "agrees" needs the quote to say so: a pledge is not an agreement with a view.
      attack('commitment stance', /agrees/u, commitment('UK', 'send troops to Ukraine', 'agrees', null, 'is ready to send troops to Ukraine if a peace deal', 'Britain')),
      attack('commitment condition', /Russia withdraws/u, commitment('UK', 'send troops', 'conditional', 'Russia withdraws first', 'Britain is ready to send troops to Ukraine', 'Britain')),
      attack('other quotation marks', /the navy/u, commitment('UK', "send 'the navy' to Ukraine", 'commits', null, 'Britain is ready to send troops', 'Britain')),
      attack('other quotation marks', /Moscow falls/u, commitment('UK', 'send troops to Ukraine', 'conditional', '‹Moscow falls›', 'ready to send troops to Ukraine if a peace deal is signed', 'Britain')),
    ],
  },
  {
    task: 'attributions',
    items: [
      legit(/John Healey/u, attribution('Defence Secretary John Healey', 'John Healey', 'said', READY, false)),
      legit(/Nothing has been decided/u, attribution('a senior official', null, 'said', NOT_DECIDED, true)),
      attack('attribution speaker', /Putin/u, attribution('a senior official', 'Vladimir Putin', 'said', FRONT, true)),
      attack('attribution speaker', /Starmer/u, attribution(null, 'Keir Starmer', null, 'ready to send troops to Ukraine', false)),
      attack('attribution cue', /confessed/u, attribution('Donald Trump', 'Donald Trump', 'confessed', 'there would be no deployment of American troops on the ground', false)),
    ],
  },
];

const answer = (text: string, grounded: boolean, quotes: string[]) => ({ answer: text, grounded, quotes });
const QUESTIONS: Question[] = [
  { question: 'Will American troops be deployed?', item: legit(/ruled out any deployment/u, answer('No: Donald Trump ruled out any deployment.', true, [NO_DEPLOYMENT])) },
  { question: 'How many personnel were discussed?', item: legit(/Up to 30,000 personnel, officials said/u, answer('Up to 30,000 personnel, officials said.', true, [PERSONNEL])) },
  { question: 'How many personnel could go?', item: attack('answer number', /40,000/u, answer('Up to 40,000 personnel could go.', true, [PERSONNEL])) },
  { question: 'Will there be a deployment?', item: attack('answer negation', /would be a deployment/u, answer('Yes, there would be a deployment of American troops on the ground.', true, [NO_DEPLOYMENT])) },
  { question: 'Has Starmer ordered troops?', item: attack('ungrounded answer', /already ordered/u, answer('Starmer has already ordered 40,000 troops.', false, [])) },
  { question: 'What did the official say?', item: attack('other quotation marks', /ready for war/u, answer('The official said “ready for war”: nothing has been decided.', true, [NOT_DECIDED])) },
];

const variant = (i: number): string => `${TROOPS_TEXT}\nDesk note ${i}.\n`;
const ASK_STORY = ROUNDS.length;
const SCHEMA_TASK: Record<string, Task | 'ask'> = { summary: 'summarize', attributions: 'attributions', commitments: 'commitments', answer: 'ask' };

/** The adversarial model: finds the round by the desk note in the article and answers with its items. */
function respond(request: ReceivedRequest) {
  const first = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const name = request.body.response_format?.json_schema?.name ?? '';
  const task = SCHEMA_TASK[name];
  const articles = articlesIn(first);
  if (task === 'ask') {
    const question = QUESTIONS.find((q) => first.includes(q.question))!;
    const storyId = (articles.find((a) => a.text.includes(`Desk note ${ASK_STORY}.`)) ?? articles[0]!).id;
    const json = question.item.json as { answer: string; grounded: boolean; quotes: string[] };
    return { json: { ...json, quotes: json.quotes.map((quote) => ({ storyId, quote })) } };
  }
  const note = Number(/Desk note (\d+)\./u.exec(articles[0]?.text ?? '')?.[1]);
  const round = ROUNDS[note];
  const items = round && round.task === task ? round.items.map((i) => i.json) : [];
  if (task === 'summarize') return { json: { points: items.length > 0 ? items : LEGIT_POINTS.map((i) => i.json) } };
  return { json: { [task === 'attributions' ? 'attributions' : 'commitments']: items } };
}

/** What one surface showed for one command: the raw payload text. */
interface Shown {
  surface: string;
  items: Item[];
  output: string;
}

const shown: Shown[] = [];
let model: FakeOpenAI;
let dir: string;
const env = (): NodeJS.ProcessEnv => ({
  STORE_URL: 'memory://',
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: model.baseURL,
  OPENAI_MODEL: 'adversary',
  OPENAI_MAX_RETRIES: '0',
});

beforeAll(async () => {
  model = await startFakeOpenAI(respond);
  dir = mkdtempSync(join(tmpdir(), 'newsroom-adversarial-'));
  for (let i = 0; i <= ASK_STORY; i++) writeFileSync(join(dir, `story-${i}.txt`), variant(i));
});

afterAll(async () => {
  await model.close();
  rmSync(dir, { recursive: true, force: true });
  logFigures();
});

function logFigures(): void {
  const families = new Map<string, { tried: number; reached: number }>();
  let legitTried = 0;
  let legitKept = 0;
  for (const { items, output } of shown) {
    for (const item of items) {
      const hit = item.marker.test(output);
      if (item.family === null) {
        legitTried++;
        legitKept += Number(hit);
        continue;
      }
      const row = families.get(item.family) ?? { tried: 0, reached: 0 };
      row.tried++;
      row.reached += Number(hit);
      families.set(item.family, row);
    }
  }
  const lines = [...families].map(([family, r]) => `${family.padEnd(24)} ${String(r.tried).padStart(5)} ${String(r.reached).padStart(8)}`);
  console.log(
    [
      'adversarial model (CLI --json, Slack, Discord):',
      `${'family'.padEnd(24)} tried  reached`,
      ...lines,
      `legitimate items kept: ${legitKept}/${legitTried}`,
    ].join('\n'),
  );
}

/** Checks one output: no attack marker in it, every legitimate marker in it. */
function check(surface: string, items: Item[], output: string): void {
  shown.push({ surface, items, output });
  for (const item of items) {
    // Soft: every item of every command is checked (and counted) even after one fails.
    if (item.family === null) expect.soft(output, `${surface}: legitimate item ${item.marker} missing`).toMatch(item.marker);
    else expect.soft(output, `${surface}: ${item.family} attack ${item.marker} reached the output`).not.toMatch(item.marker);
  }
}

/** Every quote in a `--json` line starts and ends on a word boundary of the story. */
function expectWholeWords(text: string, value: unknown): void {
  if (Array.isArray(value)) return value.forEach((v) => expectWholeWords(text, v));
  if (value === null || typeof value !== 'object') return;
  const q = value as { text?: unknown; start?: unknown; end?: unknown };
  if (typeof q.text === 'string' && typeof q.start === 'number' && typeof q.end === 'number') {
    expect(text.slice(q.start, q.end)).toBe(q.text);
    expect.soft(splitsWord(text, q.start) || splitsWord(text, q.end), `quote cuts a word: ${q.text}`).toBe(false);
  }
  Object.values(value).forEach((v) => expectWholeWords(text, v));
}

describe('an adversarial model against the citation gate', () => {
  it('reaches the CLI --json output with none of its attacks and all of its legitimate items', async () => {
    for (const [i, round] of ROUNDS.entries()) {
      const t = testIo(env());
      expect(await runCli([round.task, '--json', join(dir, `story-${i}.txt`)], t.io)).toBe(0);
      const line = t.stdoutLines()[0]!;
      expect(JSON.parse(line)).toMatchObject({ input: expect.any(String) });
      expectWholeWords(variant(i), JSON.parse(line));
      check('cli', round.items, line);
    }
    for (const { question, item } of QUESTIONS) {
      const t = testIo(env());
      expect(await runCli(['ask', '--json', '--question', question, join(dir, `story-${ASK_STORY}.txt`)], t.io)).toBe(0);
      const line = t.stdoutLines()[0]!;
      expectWholeWords(variant(ASK_STORY), JSON.parse(line));
      check('cli', [item], line);
    }
  }, 60_000);

  describe('in chat (each platform with its own app and store, so the model is asked afresh)', () => {
    let app: App;

    beforeEach(async () => {
      app = await createApp(loadConfig(env()));
    });

    afterEach(async () => {
      await app.close();
    });

    it('reaches no Slack payload with an attack, and every legitimate item does', async () => {
      const slack = await FakeSlack.start();
      const adapter = testSlackAdapter(slack.apiUrl, 'secret');
      try {
        await adapter.start(app.bot);
        const events = `http://127.0.0.1:${adapter.port}${SLACK_EVENTS_PATH}`;
        let n = 0;
        const command = async (name: string, text: string): Promise<string> => {
          const before = slack.callsOf('chat.postMessage').length;
          const form = slashCommandForm({ command: name, text, channel: 'C0ADV', user: 'U0ADV', responseUrl: slack.responseUrl(`adv${n++}`) });
          expect((await sendSigned(events, 'secret', form, 'application/x-www-form-urlencoded')).status).toBe(200);
          const posts = await slack.waitForCalls('chat.postMessage', () => true, before + 1, 20_000);
          return JSON.stringify(posts.slice(before).map((p) => p.body));
        };
        const slash = { summarize: '/summarize', attributions: '/attributions', commitments: '/commitments' } as const;
        for (const [i, round] of ROUNDS.entries()) check('slack', round.items, await command(slash[round.task], variant(i)));
        await command('/summarize', variant(ASK_STORY));
        for (const { question, item } of QUESTIONS) check('slack', [item], await command('/ask', question));
      } finally {
        await adapter.stop();
        await slack.close();
      }
    }, 90_000);

    it('reaches no Discord payload with an attack, and every legitimate item does', async () => {
      const discord = await FakeDiscord.start();
      const adapter = new DiscordAdapter({ token: 'test-token', apiUrl: discord.apiUrl, log: () => {} });
      try {
        await adapter.start(app.bot);
        const command = async (name: string, options: Record<string, string>): Promise<string> => {
          const token = discord.slashCommand(name, options);
          const edit = await discord.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${token}`) && r.path.endsWith('/messages/@original'), 20_000);
          return JSON.stringify(edit.body);
        };
        const slash = { summarize: 'summarize', attributions: 'who', commitments: 'commitments' } as const;
        for (const [i, round] of ROUNDS.entries()) check('discord', round.items, await command(slash[round.task], { url: variant(i) }));
        await command('summarize', { text: variant(ASK_STORY) });
        for (const { question, item } of QUESTIONS) check('discord', [item], await command('ask', { question }));
      } finally {
        await adapter.stop();
        await discord.close();
      }
    }, 90_000);
  });
});
