export const DEFAULT_PORT = 5178;

export function parseServeArgs(argv: string[]): { port: number } | { error: string } {
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === '--port' ? argv[++i] : arg?.startsWith('--port=') ? arg.slice(7) : null;
    if (value === null) return { error: `unknown option ${arg}; usage: serve [--port N]` };
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
      return { error: `--port needs a number from 0 to 65535, got ${value ?? 'nothing'}` };
    }
    port = parsed;
  }
  return { port };
}
