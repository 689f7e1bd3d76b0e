/**
 * The Slack side of bench/slack.ts, in a process of its own so the bot's process does nothing
 * but be the bot: a fake Slack Web API, and the load — N concurrent signed `/summarize`
 * requests. Talks to the parent over the IPC channel `fork` opens.
 */
import { FakeSlack, sendSigned, slashCommandForm } from '../tests/helpers/fake-slack.js';

/** Parent → child: where the bot listens and what to send. */
export interface LoadOrder {
  url: string;
  secret: string;
  commands: number;
  article: string;
  /** How long to wait for every result to be posted. */
  deadlineMs: number;
}

/** Child → parent: the fake's address, then the measurements. */
export type SideMessage =
  | { apiUrl: string }
  | { acks: Array<{ status: number; ms: number }>; posted: number; totalMs: number };

const send = (message: SideMessage) => process.send!(message);
const fake = await FakeSlack.start();
process.on('disconnect', () => void fake.close().finally(() => process.exit(0)));
process.on('message', (order: LoadOrder) => void run(order));
send({ apiUrl: fake.apiUrl });

async function run(order: LoadOrder): Promise<void> {
  const started = performance.now();
  const acks = await Promise.all(
    Array.from({ length: order.commands }, (_, i) =>
      sendSigned(
        order.url,
        order.secret,
        slashCommandForm({
          command: '/summarize',
          text: `${order.article}\n\nBench copy ${i}.`,
          channel: `C${String(i % 20).padStart(4, '0')}`,
          user: `U${i}`,
          responseUrl: fake.responseUrl(`bench-${i}`),
        }),
        'application/x-www-form-urlencoded',
      ).then(({ status, ms }) => ({ status, ms })),
    ),
  );
  const isResult = (b: Record<string, unknown>) => Array.isArray(b.blocks) && (b.blocks as Array<{ type: string }>)[0]?.type === 'header';
  const posted = await fake
    .waitForCalls('chat.postMessage', isResult, order.commands, order.deadlineMs)
    .then((calls) => calls.length)
    .catch(() => fake.callsOf('chat.postMessage', isResult).length);
  send({ acks, posted, totalMs: performance.now() - started });
}
