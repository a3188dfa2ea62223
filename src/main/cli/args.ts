/**
 * A command's arguments: positionals and `--name value` options, nothing cleverer. Anything
 * unexpected is a UsageError, which the CLI answers with its usage line and exit code 2.
 */

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
}

export interface ArgsSpec {
  positionals: number;
  /** Option names without the leading `--`; each takes one value. */
  options?: readonly string[];
}

export function parseArgs(argv: readonly string[], spec: ArgsSpec): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = splitOption(arg.slice(2));
      if (!spec.options?.includes(name)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? argv[++index];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positionals.push(arg);
    }
  }
  if (positionals.length < spec.positionals) throw new UsageError('missing argument');
  if (positionals.length > spec.positionals) {
    throw new UsageError(`unexpected argument ${positionals[spec.positionals]}`);
  }
  return { positionals, options };
}

function splitOption(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals < 0 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}
