import { isAbsolute, join, resolve } from 'node:path';

export const DEFAULT_PORT = 5178;

const USAGE = 'usage: serve [--port N] [--data-dir DIR] [--open LINK-OR-FILE]…';

export interface ServeArgs {
  port: number;
  /** Set only when given (`--data-dir`); otherwise see dataDirFor. */
  dataDir?: string;
  /**
   * Links (feed:…, broadsheet://subscribe?url=…) and OPML files to open once a page connects,
   * as the desktop app opens what the system hands it (`--open`, repeatable; set only when given).
   */
  open?: string[];
}

export function parseServeArgs(argv: string[]): ServeArgs | { error: string } {
  const args: ServeArgs = { port: DEFAULT_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? split(arg) : [arg, null];
    if (name !== '--port' && name !== '--data-dir' && name !== '--open')
      return { error: `unknown option ${arg}; ${USAGE}` };
    const value = inline ?? argv[++i];
    if (name === '--port') {
      const parsed = Number(value);
      if (
        value === undefined ||
        value === '' ||
        !Number.isInteger(parsed) ||
        parsed < 0 ||
        parsed > 65535
      ) {
        return { error: `--port needs a number from 0 to 65535, got ${value || 'nothing'}` };
      }
      args.port = parsed;
    } else if (name === '--open') {
      if (!value || value.startsWith('--')) {
        return { error: `--open needs a feed: link or an OPML file; ${USAGE}` };
      }
      (args.open ??= []).push(value);
    } else {
      // A value that looks like the next option is a forgotten folder, not a folder named so.
      if (!value || value.startsWith('--')) return { error: `--data-dir needs a folder; ${USAGE}` };
      args.dataDir = resolve(value);
    }
  }
  return args;
}

function split(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

export interface DataDirContext {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

/**
 * Where the browser host keeps what must not live in the page's storage (sync accounts'
 * sign-ins, automatic backups): `--data-dir`, else BROADSHEET_DATA_DIR, else the system's per-user place for
 * application data. Relative paths are taken from the working folder.
 */
export function dataDirFor(
  flag: string | undefined,
  { env, platform, home }: DataDirContext,
): string {
  if (flag) return flag;
  const fromEnv = env['BROADSHEET_DATA_DIR'];
  if (fromEnv) return resolve(fromEnv);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Broadsheet');
  if (platform === 'win32') {
    return join(env['APPDATA'] || join(home, 'AppData', 'Roaming'), 'Broadsheet');
  }
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share'), 'broadsheet');
}
