import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import { getSetting } from '@renderer/db/settings-repository';
import {
  useReaderStyle,
  type ReaderStyle,
} from '@renderer/features/settings/hooks/use-reader-style';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

it('keeps every one of several quick changes, as the Settings comboboxes make them', async () => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  let update: ((next: Partial<ReaderStyle>) => void) | undefined;
  function Probe() {
    update = useReaderStyle()[1];
    return null;
  }
  const root = createRoot(document.createElement('div'));
  await act(async () => root.render(<Probe />));

  // One after another, without waiting, as a person picking from five comboboxes.
  update!({ theme: 'sepia' });
  update!({ font: 'sans' });
  update!({ size: 5 });
  update!({ width: 'narrow' });
  update!({ lineHeight: 'relaxed' });

  await expect
    .poll(() => getSetting('readerStyle'))
    .toEqual({ theme: 'sepia', font: 'sans', size: 5, width: 'narrow', lineHeight: 'relaxed' });
  await act(async () => root.unmount());
});
