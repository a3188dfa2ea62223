import { describe, expect, it } from 'vitest';
import { AddRuleButton } from '@renderer/features/rules/components/add-rule-dialog';
import { click, getByRole, mount } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

emptyLibraryBetweenTests();

describe('Add rule', () => {
  it('closing it is not closing the Settings dialog it sits in', () => {
    let settingsClosed = 0;
    const { unmount } = mount(
      <dialog open aria-label="Settings" onClose={() => settingsClosed++}>
        <AddRuleButton onSaved={() => undefined} />
      </dialog>,
    );
    click(getByRole(document.body, 'button', 'Add rule'));
    const dialog = getByRole(document.body, 'dialog', 'Add rule');
    click(getByRole(dialog, 'button', 'Cancel'));
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(settingsClosed).toBe(0);
    unmount();
  });
});
