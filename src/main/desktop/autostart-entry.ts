import { APP_ID, PRODUCT_NAME } from './desktop-identity';

/*
 * "Open at login" on Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/<id>.desktop`
 * (XDG Base Directory and Desktop Application Autostart specifications). Electron's
 * setLoginItemSettings covers only Windows and macOS.
 */

/** Characters that make the Desktop Entry spec require an Exec argument to be quoted. */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;
/** Control characters have no place in a path we launch; a newline would add keys to the file. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * One Exec argument per the Desktop Entry spec: quoted in whole when it holds a reserved
 * character (or is empty), with `"`, `` ` ``, `$` and `\` escaped by a backslash inside the
 * quotes, and `%` doubled (a lone one starts a field code). The string-value escape is applied
 * after that (`\` → `\\`), because readers undo it before the quoting: so a literal backslash in
 * a quoted argument is written as four.
 */
export function execArgument(argument: string): string {
  if (CONTROL.test(argument)) {
    throw new Error('A path to start at login cannot hold control characters.');
  }
  let text = argument.replace(/%/g, '%%');
  if (text === '' || RESERVED.test(text)) text = `"${text.replace(/["`$\\]/g, '\\$&')}"`;
  return text.replace(/\\/g, '\\\\');
}

/** The Exec line's value: the program (which may not contain "=") and its arguments. */
export function execLine(command: readonly string[]): string {
  const [program] = command;
  if (program === undefined) throw new Error('Nothing to start at login.');
  const line = command.map(execArgument).join(' ');
  if (program.includes('=')) {
    throw new Error('The program to start at login has "=" in its path, which Exec forbids.');
  }
  return line;
}

/** The whole autostart file. */
export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${PRODUCT_NAME}`,
    'Comment=Offline news reader',
    `Exec=${execLine(command)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Where the entry goes: `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart` when the variable
 * is unset, empty or relative (the Base Directory spec says to ignore a relative path).
 */
export function autostartPath(env: NodeJS.ProcessEnv, homeDir: string): string {
  const configured = env['XDG_CONFIG_HOME'];
  const base = configured && configured.startsWith('/') ? configured : `${homeDir}/.config`;
  return `${base.replace(/\/+$/, '')}/autostart/${APP_ID}.desktop`;
}

export interface LaunchInput {
  execPath: string;
  env: NodeJS.ProcessEnv;
  packaged: boolean;
  /** The app's folder, which an unpackaged Electron needs as its argument. */
  appPath: string;
}

/**
 * What the login should start. An AppImage runs from a mount that is gone at the next login,
 * so its own file (`$APPIMAGE`) is started instead; `npm start` needs Electron and the app's
 * folder.
 */
export function launchCommand(input: LaunchInput): string[] {
  const appImage = input.env['APPIMAGE'];
  if (appImage && appImage.startsWith('/')) return [appImage];
  return input.packaged ? [input.execPath] : [input.execPath, input.appPath];
}

/** The file operations the entry needs (node:fs/promises in the app, a temp folder in tests). */
export interface AutostartFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  rm(path: string, options: { force: true }): Promise<void>;
}

/**
 * Writes the entry when it should be there and differs (a moved AppImage gets the new path),
 * removes it when it should not. The write goes through a temporary file and a rename, so a
 * session starting meanwhile never reads half an entry.
 */
export async function setAutostart(
  fs: AutostartFs,
  file: string,
  entry: string | undefined,
): Promise<void> {
  if (entry === undefined) {
    await fs.rm(file, { force: true });
    return;
  }
  const current = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (current === entry) return;
  await fs.mkdir(file.slice(0, file.lastIndexOf('/')), { recursive: true });
  const temporary = `${file}.tmp`;
  await fs.writeFile(temporary, entry, { mode: 0o644 });
  await fs.rename(temporary, file);
}
