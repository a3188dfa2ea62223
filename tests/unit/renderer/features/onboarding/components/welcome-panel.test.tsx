import { afterEach, describe, expect, it, vi } from 'vitest';
import { WelcomePanel } from '@renderer/features/onboarding/components/welcome-panel';
import { getByRole, mount, type Mounted } from '../../../support/dom';

let mounted: Mounted | undefined;

afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.restoreAllMocks();
});

describe('WelcomePanel', () => {
  it('names itself and keeps the marked words of its sentences marked, with nothing for React to complain about', () => {
    const errors = vi.spyOn(console, 'error');
    mounted = mount(<WelcomePanel />);
    const welcome = getByRole(document.body, 'region', 'Welcome to Broadsheet');
    const intro = welcome.querySelector('p');
    expect(intro?.textContent).toBe(
      'Broadsheet keeps the news on your computer, so you can read without a connection. A starter article is waiting under Saved.',
    );
    expect(intro?.querySelector('strong')?.textContent).toBe('Saved');
    expect([...welcome.querySelectorAll('li > strong')].map((el) => el.textContent)).toEqual([
      'Add feed',
      'Import',
      'Save URL',
    ]);
    expect(welcome.querySelector('kbd')?.textContent).toBe('?');
    expect(welcome.querySelector('.welcome-note')?.textContent).toBe(
      'Press ? for keyboard shortcuts. Themes and text size are in Settings.',
    );
    expect(errors).not.toHaveBeenCalled();
  });
});
