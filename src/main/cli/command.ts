import type { CliIo } from './cli-io';

/** One CLI subcommand: its usage line and what it prints on success. */
export interface Command {
  name: string;
  /** Without the program name, e.g. `feed <file-or-url>`. */
  usage: string;
  /** Resolves to stdout's text; throws AppError for failures, UsageError for bad arguments. */
  run(argv: readonly string[], io: CliIo): Promise<string>;
}
