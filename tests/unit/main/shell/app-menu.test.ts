import { describe, expect, it } from 'vitest';
import { createDesktopWords } from '@main/desktop/desktop-words';
import { buildMenuTemplate } from '@main/shell/app-menu';

const labels = (items: unknown): string[] =>
  (items as { label?: string; submenu?: unknown }[]).flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);

describe('application menu', () => {
  const base = {
    appName: 'Broadsheet',
    isDev: false,
    openHelp: () => undefined,
    say: createDesktopWords(['en-US']).say,
  };

  it('puts Check for updates in the app menu on macOS and in Help elsewhere', () => {
    let checked = 0;
    const checkForUpdates = () => (checked += 1);
    const mac = buildMenuTemplate({ ...base, isMac: true, checkForUpdates });
    const appMenu = mac[0]!.submenu as { label?: string; click?: () => void }[];
    expect(appMenu.map((item) => item.label)).toContain('Check for Updates…');
    appMenu.find((item) => item.label === 'Check for Updates…')!.click!();
    const other = buildMenuTemplate({ ...base, isMac: false, checkForUpdates });
    const help = other.find((menu) => menu.role === 'help')!.submenu as { label?: string }[];
    expect(help.map((item) => item.label)).toEqual(['Broadsheet Help', 'Check for updates…']);
    expect(labels(mac).filter((label) => /updates/i.test(label))).toHaveLength(1);
    expect(checked).toBe(1);
  });

  it('names its menus in the interface language; role items keep no label of ours', () => {
    const say = createDesktopWords(['fr-CA']).say;
    const menu = buildMenuTemplate({ ...base, say, isMac: false, checkForUpdates: () => 0 });
    expect(menu.map((item) => item.label)).toEqual([
      'Fichier',
      'Édition',
      'Affichage',
      'Fenêtre',
      'Aide',
    ]);
    expect(labels(menu)).toContain('Aide de Broadsheet');
    expect(labels(menu)).toContain('Rechercher les mises à jour…');
    // Undo, Copy, Zoom…: roles, labelled by Electron itself.
    expect(menu[1]!.submenu).toContainEqual({ role: 'copy' });
  });

  it('has no such item where this copy cannot update itself', () => {
    for (const isMac of [true, false])
      expect(labels(buildMenuTemplate({ ...base, isMac })).join()).not.toMatch(/updates/i);
  });
});
