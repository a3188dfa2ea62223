import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(REPO, 'node_modules/.bin/tsx');
const SCRIPT = path.join(REPO, 'scripts/lint-electron.ts');
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A one-file Electron main: a window with these web preferences, navigation limited. */
function appWith(webPreferences: string, comment = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lint-electron-'));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, 'main.js'),
    `const { BrowserWindow } = require('electron');
const win = new BrowserWindow({ webPreferences: ${webPreferences} }); ${comment}
win.webContents.on('will-navigate', (event) => event.preventDefault());
win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
`,
  );
  return dir;
}

/** Runs the lint as npm does, on `dir` (the runs go at once: each loads the whole tool). */
function lint(...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(TSX, [SCRIPT, ...args], { cwd: REPO });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

const SECURE = "{ contextIsolation: true, sandbox: true, disableBlinkFeatures: 'Auxclick' }";
const INSECURE = '{ contextIsolation: false, sandbox: true }';
const INLINE_SCRIPT = "default-src 'none'; script-src 'self' 'unsafe-inline'; object-src 'none'";

describe('npm run lint:electron', () => {
  it('fails on a HIGH finding, a weak policy or an unreadable file, and passes a secure app', async () => {
    const bad = appWith(INSECURE);
    const unreadable = appWith(SECURE);
    writeFileSync(path.join(unreadable, 'broken.js'), 'const x = ;');
    const good = appWith(SECURE);
    // A reviewed finding silenced at its line with the tool's comment does not count.
    writeFileSync(
      path.join(good, 'reviewed.js'),
      `new BrowserWindow({ webPreferences: ${INSECURE} }); // eng-disable CONTEXT_ISOLATION_JS_CHECK\n`,
    );
    const [failing, unread, passing] = await Promise.all([
      lint(bad, '--csp', INLINE_SCRIPT),
      lint(unreadable),
      lint(good),
    ]);

    expect(failing.output).toMatch(/^HIGH \(FIRM\) CONTEXT_ISOLATION_JS_CHECK main\.js:2:/m);
    expect(failing.output).toMatch(
      /^HIGH \(CERTAIN\) CSP_GLOBAL_CHECK --csp:0:0 — script-src: 'unsafe-inline'/m,
    );
    expect(failing.output).toContain('Electronegativity: 2 HIGH finding(s), 0 unreadable file(s).');
    expect(failing.status).toBe(1);

    // A file the tool cannot parse was not checked: that fails too.
    expect(unread.output).toMatch(/^UNREAD .*broken\.js/m);
    expect(unread.output).toContain('Electronegativity: 0 HIGH finding(s), 1 unreadable file(s).');
    expect(unread.status).toBe(1);

    // Secure web preferences, navigation limited, and the app's own policy.
    expect(passing.output).not.toMatch(/^HIGH/m);
    expect(passing.output).toContain('Electronegativity: no HIGH finding');
    expect(passing.status).toBe(0);
  }, 60_000);
});
