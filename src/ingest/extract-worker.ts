/**
 * Worker thread body for {@link ExtractionPool}: extracts one page per message, so a pathological
 * page blocks this thread, not the bot's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { NewsroomError } from '../errors.js';
import { extractHtml } from './extract-html.js';
import type { ExtractionRequest, ExtractionResponse } from './extract-pool.js';

const port = parentPort;
if (!port) throw new Error('extract-worker must run in a worker thread');

port.on('message', (request: ExtractionRequest) => {
  let response: ExtractionResponse;
  try {
    response = { id: request.id, article: extractHtml(request.html, request.pageUrl) };
  } catch (error) {
    const code = error instanceof NewsroomError ? error.code : undefined;
    response = { id: request.id, error: { message: (error as Error).message, ...(code ? { code } : {}) } };
  }
  port.postMessage(response);
});

// Tells the pool the modules are loaded: page time limits start counting from here.
port.postMessage({ ready: true });
