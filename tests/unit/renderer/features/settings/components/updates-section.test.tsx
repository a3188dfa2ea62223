import { describe, expect, it } from 'vitest';
import { getSetting } from '@renderer/db/settings-repository';
import { UpdatesSection } from '@renderer/features/settings/components/updates-section';
import { click, getByRole, mount, queryAllByRole, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';
import { emitMainEvent, installMainBridge } from '../../../support/main-bridge';

emptyLibraryBetweenTests();

const heading = () => queryAllByRole(document.body, 'heading', 'Updates');
const status = () => getByRole(document.body, 'status').textContent ?? '';

describe('Settings → Updates', () => {
  it('is absent where main answers that updates are unsupported (the browser host)', async () => {
    const { calls } = installMainBridge({
      'updates.current': async () => ({ state: 'unsupported', reason: 'Desktop app only.' }),
    });
    mount(<UpdatesSection />);
    await waitFor(() => calls.length > 0, 'the status to be asked');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heading()).toHaveLength(0);
    // Opening Settings only reads the status: it never starts a check.
    expect(calls.map((call) => call.method)).toEqual(['updates.current']);
  });

  it('checks when asked, follows the status events, and offers the restart once ready', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { calls } = installMainBridge({
      'updates.current': async () => ({ state: 'idle' }),
      'updates.check': async () => {
        emitMainEvent('updates.status', { state: 'checking', manual: true });
        await gate;
        return { state: 'downloading', version: '2.0.0', percent: 30 };
      },
      'updates.install': async () => null,
    });
    mount(<UpdatesSection />);
    await waitFor(() => heading().length === 1, 'the Updates section');
    expect(
      getByRole<HTMLInputElement>(document.body, 'switch', 'Check for updates automatically')
        .checked,
    ).toBe(true);
    click(getByRole(document.body, 'button', 'Check now'));
    await waitFor(() => status() === 'Checking for updates…', 'checking');
    expect(getByRole<HTMLButtonElement>(document.body, 'button', 'Check now').disabled).toBe(true);
    release();
    await waitFor(() => status().includes('Downloading version 2.0.0: 30 %'), 'the download');
    emitMainEvent('updates.status', { state: 'ready', version: '2.0.0' });
    await waitFor(() => queryAllByRole(document.body, 'button', 'Restart to update').length === 1);
    click(getByRole(document.body, 'button', 'Restart to update'));
    await waitFor(() => calls.some((call) => call.method === 'updates.install'), 'the restart');
  });

  it('shows what Check now answered even when no event comes (main still thinks it is off)', async () => {
    installMainBridge({
      'updates.current': async () => ({ state: 'idle' }),
      'updates.check': async () => ({ state: 'off' }),
    });
    mount(<UpdatesSection />);
    await waitFor(() => heading().length === 1, 'the Updates section');
    click(getByRole(document.body, 'button', 'Check now'));
    await waitFor(() => status().includes('never contacts the update server'), 'the answer');
  });

  it('turns automatic checks off in the desktop setting and disables Check now', async () => {
    installMainBridge({ 'updates.current': async () => ({ state: 'idle' }) });
    mount(<UpdatesSection />);
    await waitFor(() => heading().length === 1, 'the Updates section');
    click(getByRole(document.body, 'switch', 'Check for updates automatically'));
    await waitFor(
      () => getByRole<HTMLButtonElement>(document.body, 'button', 'Check now').disabled,
    );
    expect((await getSetting('desktop')).updates).toBe('off');
    emitMainEvent('updates.status', { state: 'off' });
    await waitFor(() => status().includes('never contacts the update server'), 'the off status');
  });

  it('shows the error of a check the reader asked for', async () => {
    installMainBridge({ 'updates.current': async () => ({ state: 'idle' }) });
    mount(<UpdatesSection />);
    await waitFor(() => heading().length === 1, 'the Updates section');
    emitMainEvent('updates.status', { state: 'error', message: 'HttpError: 404', manual: true });
    await waitFor(() => status() === 'Broadsheet could not check for updates: HttpError: 404');
  });
});
