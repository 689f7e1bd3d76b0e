import { PassThrough } from 'node:stream';

/** A writable stream that keeps everything written to it, for asserting on output. */
export interface Capture {
  /** The stream to hand to the code under test. */
  stream: PassThrough;
  /** Everything written so far, decoded as UTF-8. */
  text(): string;
}

/** A PassThrough whose output is collected. */
export function capture(): Capture {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Streams and environment for `runCli` / `main`, with the output collected. */
export interface TestIo {
  /** The io object to pass. */
  io: { stdin: PassThrough; stdout: PassThrough; stderr: PassThrough; env: NodeJS.ProcessEnv };
  /** What was written to stdout. */
  stdout(): string;
  /** What was written to stderr. */
  stderr(): string;
  /** Non-empty stdout lines. */
  stdoutLines(): string[];
  /** Non-empty stderr lines. */
  stderrLines(): string[];
}

/**
 * Builds CLI streams with an in-memory store. `stdin` is written and ended at once when given,
 * so a command reading `-` sees exactly that text; otherwise stdin stays open and unread.
 */
export function testIo(env: NodeJS.ProcessEnv = {}, stdin?: string): TestIo {
  const input = new PassThrough();
  if (stdin !== undefined) input.end(stdin);
  const out = capture();
  const err = capture();
  const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');
  return {
    io: { stdin: input, stdout: out.stream, stderr: err.stream, env: { STORE_URL: 'memory://', ...env } },
    stdout: out.text,
    stderr: err.text,
    stdoutLines: () => lines(out.text()),
    stderrLines: () => lines(err.text()),
  };
}
