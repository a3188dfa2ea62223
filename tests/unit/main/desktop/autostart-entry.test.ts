import { mkdtempSync, rmSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  autostartEntry,
  autostartPath,
  execArgument,
  execLine,
  launchCommand,
  setAutostart,
} from '@main/desktop/autostart-entry';
import { APP_ID } from '@main/desktop/desktop-identity';

/** Undoes the string escape, then the Exec quoting, as a desktop environment reads the line. */
function readExec(value: string): string[] {
  const unescaped = value.replace(/\\(.)/g, (_, c: string) => (c === '\\' ? '\\' : `\\${c}`));
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let inArg = false;
  for (let i = 0; i < unescaped.length; i++) {
    const c = unescaped[i]!;
    if (quoted) {
      if (c === '\\') current += unescaped[++i];
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') {
      quoted = true;
      inArg = true;
    } else if (c === ' ') {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += c;
      inArg = true;
    }
  }
  if (inArg) args.push(current);
  return args.map((arg) => arg.replace(/%%/g, '%'));
}

describe('the Exec line', () => {
  it('leaves plain paths alone and quotes the ones with reserved characters', () => {
    expect(execArgument('/opt/Broadsheet/broadsheet')).toBe('/opt/Broadsheet/broadsheet');
    expect(execArgument('/home/ann/My Apps/Broadsheet.AppImage')).toBe(
      '"/home/ann/My Apps/Broadsheet.AppImage"',
    );
    expect(execArgument('')).toBe('""');
  });

  it('escapes what a quoted argument must escape and doubles % and backslashes', () => {
    expect(execArgument('/a/$HOME')).toBe('"/a/\\\\$HOME"');
    expect(execArgument('/a/100%')).toBe('/a/100%%');
    // A literal backslash in a quoted argument takes four.
    expect(execArgument('/a\\b')).toBe('"/a\\\\\\\\b"');
  });

  it('reads back as the same arguments, whatever the path holds', () => {
    const hostile = [
      '/home/ann/Apps (old)/Broad "sheet"; rm -rf ~ & `id` $PATH \\ 50% #1.AppImage',
      "/tmp/it's here/*?<>|",
      '/plain/path',
    ];
    expect(readExec(execLine(hostile))).toEqual(hostile);
  });

  it('refuses control characters (a newline would add keys to the file) and "=" in the program', () => {
    expect(() => execLine(['/a/b\nExec=/bin/evil'])).toThrow(/control characters/);
    expect(() => execLine(['/a/b', 'x\ty'])).toThrow(/control characters/);
    expect(() => execLine(['/opt/a=b/broadsheet'])).toThrow(/"="/);
    expect(() => execLine([])).toThrow();
  });

  it('makes a file with one Exec line', () => {
    const entry = autostartEntry(['/opt/Broadsheet/broadsheet']);
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(entry).toContain('\nExec=/opt/Broadsheet/broadsheet\n');
    expect(entry.split('\n').filter((line) => line.startsWith('Exec='))).toHaveLength(1);
  });
});

describe('where and what', () => {
  it('honours an absolute XDG_CONFIG_HOME and ignores an empty or relative one', () => {
    const file = `${APP_ID}.desktop`;
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg/' }, '/home/ann')).toBe(`/cfg/autostart/${file}`);
    expect(autostartPath({}, '/home/ann')).toBe(`/home/ann/.config/autostart/${file}`);
    expect(autostartPath({ XDG_CONFIG_HOME: '' }, '/home/ann')).toBe(
      `/home/ann/.config/autostart/${file}`,
    );
    expect(autostartPath({ XDG_CONFIG_HOME: 'cfg' }, '/home/ann')).toBe(
      `/home/ann/.config/autostart/${file}`,
    );
  });

  it('starts the AppImage file rather than its temporary mount, and Electron with the app in development', () => {
    const base = { execPath: '/tmp/.mount_Broad1/broadsheet', appPath: '/src/app' };
    expect(
      launchCommand({
        ...base,
        packaged: true,
        env: { APPIMAGE: '/home/ann/Broadsheet.AppImage' },
      }),
    ).toEqual(['/home/ann/Broadsheet.AppImage']);
    expect(launchCommand({ ...base, packaged: true, env: {} })).toEqual([base.execPath]);
    expect(launchCommand({ ...base, packaged: false, env: {} })).toEqual([
      base.execPath,
      '/src/app',
    ]);
  });
});

describe('writing the entry', () => {
  it('writes it into a folder it makes, rewrites it when the program moved, and removes it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'broadsheet-autostart-'));
    onTestFinished(() => rmSync(home, { recursive: true, force: true }));
    const file = autostartPath({}, home);
    await setAutostart(nodeFs, file, autostartEntry(['/old/Broadsheet.AppImage']));
    expect(await nodeFs.readFile(file, 'utf8')).toContain('Exec=/old/Broadsheet.AppImage\n');
    expect((await nodeFs.stat(file)).mode & 0o777).toBe(0o644);

    await setAutostart(nodeFs, file, autostartEntry(['/new/Broadsheet.AppImage']));
    expect(await nodeFs.readFile(file, 'utf8')).toContain('Exec=/new/Broadsheet.AppImage\n');
    expect(await nodeFs.readdir(join(home, '.config', 'autostart'))).toEqual([`${APP_ID}.desktop`]);

    await setAutostart(nodeFs, file, undefined);
    expect(await nodeFs.readdir(join(home, '.config', 'autostart'))).toEqual([]);
    // Removing what is not there is no error.
    await setAutostart(nodeFs, file, undefined);
  });
});
