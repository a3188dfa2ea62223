/**
 * The CLI's dispatcher: picks the command, runs it, and turns every outcome into output and an
 * exit code. 0 success, 1 failure (one `error:` line on stderr), 2 bad usage (the usage line).
 * Expected failures never show a stack trace.
 */
import { AppError } from '../../shared/result';
import { UsageError } from './args';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { accountCommand } from './account-command';
import { articleCommand } from './article-command';
import { feedCommand } from './feed-command';
import { storiesCommand } from './stories-command';

export const PROGRAM = 'npm run -s cli --';

const COMMANDS: readonly Command[] = [feedCommand, articleCommand, accountCommand, storiesCommand];

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${usageLine()}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`${usageLine()}\n`);
    return 2;
  }
  try {
    io.stdout(await command.run(rest, io));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`usage: ${PROGRAM} ${command.usage} (${error.message})\n`);
      return 2;
    }
    io.stderr(`error: ${oneLine(errorMessage(error))}\n`);
    return 1;
  }
}

function usageLine(): string {
  return `usage: ${COMMANDS.map((command) => `${PROGRAM} ${command.usage}`).join(' | ')}`;
}

function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  // A bug rather than a failure the user can act on; still one readable line.
  const detail = error instanceof Error ? error.message : String(error);
  return `unexpected failure (${detail})`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
