import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import type { Logger } from 'pino';
import type { TurnHandler } from '../../agents/turn-handler.js';
import { errorReference } from '../../core/errors.js';
import { renderReply } from './render.js';

export interface ShellOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Interactive terminal: prompt and colours. Piped input: one message per line, plain text. */
  interactive: boolean;
  logger: Logger;
}

const WELCOME =
  'moodtune — tell me how you feel and I\'ll find songs that fit. Type "help" for ideas, Ctrl+D or "exit" to leave.';

/**
 * The terminal chat. Reads one message per line, answers each in order, and resolves when input ends
 * (so piped input exits with status 0). This is the shell's single error boundary.
 */
export async function runShell(turns: TurnHandler, options: ShellOptions): Promise<void> {
  const { output, interactive, logger } = options;
  const conversationId = `shell:${randomUUID()}`;
  const write = (text: string) => output.write(`${text}\n`);
  const rl = readline.createInterface({
    input: options.input,
    ...(interactive ? { output } : {}),
    terminal: interactive,
    crlfDelay: Infinity,
  });
  // Ctrl+C ends the chat like Ctrl+D does (readline would otherwise only pause the input).
  rl.on('SIGINT', () => rl.close());
  write(`${WELCOME}${interactive ? '' : '\n'}`);
  if (interactive) {
    rl.setPrompt('\nyou › ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (interactive && /^\s*(exit|quit|bye|salir)\s*$/i.test(line)) break;
    try {
      const reply = await turns.handle({ conversationId, userId: 'shell', platform: 'shell', text: line });
      write(
        `${interactive ? '\n' : ''}${renderReply(reply, { color: interactive })}${interactive ? '' : '\n'}`,
      );
    } catch (error) {
      const ref = errorReference();
      logger.error({ err: error, ref }, 'turn failed');
      write(`Sorry — something went wrong on my side (ref ${ref}). Please try again.`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
