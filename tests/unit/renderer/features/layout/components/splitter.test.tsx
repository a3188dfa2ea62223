import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { switchLocale } from '@renderer/i18n/current-locale';
import { Splitter } from '@renderer/features/layout/components/splitter';
import { mount, type Mounted } from '../../../support/dom';

/** The splitter as the app shell holds it: the width it shows is the one it last committed. */
function Holder({ initial }: { initial: number }) {
  const [value, setValue] = useState(initial);
  return (
    <Splitter
      label="Resize sources"
      value={value}
      min={100}
      max={500}
      onPreview={setValue}
      onCommit={setValue}
      onReset={() => setValue(initial)}
    />
  );
}

let mounted: Mounted | undefined;
afterEach(async () => {
  mounted?.unmount();
  mounted = undefined;
  await switchLocale('en');
});

function separator(): HTMLElement {
  mounted = mount(<Holder initial={240} />);
  const el = mounted.container.querySelector<HTMLElement>('[role="separator"]')!;
  // jsdom has no pointer capture; the browser's keeps the drag on the splitter.
  el.setPointerCapture = () => {};
  el.releasePointerCapture = () => {};
  return el;
}

const width = (el: HTMLElement) => Number(el.getAttribute('aria-valuenow'));

function press(el: HTMLElement, key: string, shiftKey = false): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
  });
}

function drag(el: HTMLElement, fromX: number, toX: number): void {
  const pointer = (type: string, clientX: number) =>
    new MouseEvent(type, { clientX, button: 0, bubbles: true, cancelable: true });
  act(() => {
    el.dispatchEvent(pointer('pointerdown', fromX));
  });
  act(() => {
    el.dispatchEvent(pointer('pointermove', toX));
  });
  act(() => {
    el.dispatchEvent(pointer('pointerup', toX));
  });
}

describe('Splitter', () => {
  it('left to right: ArrowRight and a drag to the right widen the pane on its left', () => {
    const el = separator();
    press(el, 'ArrowRight');
    expect(width(el)).toBe(256);
    press(el, 'ArrowLeft', true);
    expect(width(el)).toBe(192);
    drag(el, 400, 450);
    expect(width(el)).toBe(242);
  });

  it('right to left: ArrowLeft and a drag to the left widen the pane on its right', async () => {
    await switchLocale('ar');
    const el = separator();
    press(el, 'ArrowLeft');
    expect(width(el)).toBe(256);
    press(el, 'ArrowRight', true);
    expect(width(el)).toBe(192);
    drag(el, 400, 350);
    expect(width(el)).toBe(242);
    press(el, 'End');
    expect(width(el)).toBe(500);
    press(el, 'ArrowLeft');
    expect(width(el)).toBe(500);
  });
});
