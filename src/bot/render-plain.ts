import type { Reply } from './reply.js';
import { shownStatement } from './statement.js';

/** Renders a reply as plain text, for the shell chat and the CLI's readable output. */
export function renderPlain(reply: Reply): string {
  const lines: string[] = [];
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'heading':
        lines.push(block.text, '='.repeat(Math.min(block.text.length, 72)));
        break;
      case 'text':
        lines.push(block.text);
        break;
      case 'cited': {
        const label = block.label ? `[${block.label}] ` : '';
        const statement = shownStatement(block);
        // A point that is its quote is shown once, as the quote.
        const [first, ...rest] = statement === null ? block.quotes : [];
        lines.push(statement === null ? `- ${label}“${first}”` : `- ${label}${statement}`);
        for (const quote of statement === null ? rest : block.quotes) lines.push(`    “${quote}”`);
        break;
      }
      case 'context':
        lines.push(`(${block.text})`);
        break;
      case 'error':
        lines.push(`error: ${block.text}`);
        break;
    }
  }
  if (reply.engine) lines.push(`— ${reply.engine} engine`);
  return lines.join('\n');
}
