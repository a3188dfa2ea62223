import { describe, expect, it } from 'vitest';
import { UpdateReadyBanner } from '@renderer/features/settings/components/update-ready-banner';
import { click, getByRole, mount, queryAllByRole, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';
import { emitMainEvent, installMainBridge } from '../../../support/main-bridge';

emptyLibraryBetweenTests();

const restart = () => queryAllByRole(document.body, 'button', 'Restart to update');

describe('update ready banner', () => {
  it('says nothing until a version is ready, then offers the restart', async () => {
    const { calls } = installMainBridge({
      'updates.current': async () => ({ state: 'downloading', version: '2.0.0', percent: 5 }),
      'updates.install': async () => null,
    });
    mount(<UpdateReadyBanner />);
    await waitFor(() => calls.length > 0);
    emitMainEvent('updates.status', { state: 'none', checkedAt: 1, manual: true });
    emitMainEvent('updates.status', { state: 'error', message: 'x', manual: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.body.textContent).toBe('');
    emitMainEvent('updates.status', { state: 'ready', version: '2.0.0' });
    await waitFor(() => restart().length === 1, 'the banner');
    expect(getByRole(document.body, 'status').textContent).toContain('Version 2.0.0 is ready.');
    click(restart()[0]!);
    await waitFor(() => calls.some((call) => call.method === 'updates.install'), 'the restart');
  });

  it('shows a version already downloaded at start, and Later puts it away', async () => {
    installMainBridge({ 'updates.current': async () => ({ state: 'ready', version: '3.1.0' }) });
    mount(<UpdateReadyBanner />);
    await waitFor(() => restart().length === 1, 'the banner');
    click(getByRole(document.body, 'button', 'Later'));
    await waitFor(() => restart().length === 0, 'the banner to go');
  });

  it('is absent in the browser host', async () => {
    const { calls } = installMainBridge({
      'updates.current': async () => ({ state: 'unsupported', reason: 'Desktop app only.' }),
    });
    mount(<UpdateReadyBanner />);
    await waitFor(() => calls.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.body.textContent).toBe('');
  });
});
