import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { RefusedLinksDialog } from '@renderer/features/subscriptions/components/refused-links-dialog';
import type { RefusedLink } from '@renderer/features/subscriptions/hooks/use-deep-links';
import { click, getByRole, mount } from '../../../support/dom';

const first: RefusedLink[] = [{ input: 'javascript:alert(1)', reason: 'Not a web address.' }];
const second: RefusedLink[] = [{ input: 'file:///etc/passwd', reason: 'Not a web address.' }];

describe('the refused links dialog', () => {
  it('keeps links refused right after OK: the first close, heard late, dismisses nothing new', async () => {
    let dismissed = 0;
    const mounted = mount(
      <RefusedLinksDialog refused={first} onDismiss={() => (dismissed += 1)} />,
    );
    const alert = getByRole<HTMLDialogElement>(document.body, 'alertdialog');
    expect(alert.open).toBe(true);

    // OK, and before the browser's queued close event runs, another refusal opens it again.
    click(getByRole(alert, 'button', 'OK'));
    expect(alert.open).toBe(false);
    act(() =>
      mounted.root.render(
        <RefusedLinksDialog refused={second} onDismiss={() => (dismissed += 1)} />,
      ),
    );
    expect(alert.open).toBe(true);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(dismissed).toBe(0);
    expect(alert.textContent).toContain('file:///etc/passwd');

    click(getByRole(alert, 'button', 'OK'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(dismissed).toBe(1);
    mounted.unmount();
  });
});
