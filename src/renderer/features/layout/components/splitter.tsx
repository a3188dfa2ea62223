import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useT } from '../../../i18n/use-t';
import './splitter.css';

interface Props {
  /** The accessible name, e.g. "Resize sources". */
  label: string;
  /** Width of the pane before the splitter (on its left, or its right in RTL), in CSS pixels. */
  value: number;
  min: number;
  max: number;
  /** While dragging: repaint only. */
  onPreview: (value: number) => void;
  /** A finished change: keep it. */
  onCommit: (value: number) => void;
  onReset: () => void;
}

const STEP = 16;
const BIG_STEP = 64;

/**
 * A vertical splitter resizing the pane before it (on its left, or on its right when the
 * interface reads right to left): drag it, use the arrow keys (Shift for big steps, Home/End for
 * the limits), or double-click to go back to the default width. The arrows and the drag move the
 * splitter the way they point on screen, so in RTL ArrowLeft widens the pane.
 */
export function Splitter({ label, value, min, max, onPreview, onCommit, onReset }: Props) {
  const drag = useRef<{ x: number; start: number; last: number } | undefined>(undefined);
  const clamp = (v: number): number => Math.round(Math.min(max, Math.max(min, v)));
  // +1 when moving right widens the pane, -1 when the pane is on the right.
  const toWider = useT().dir === 'rtl' ? -1 : 1;

  const onKeyDown = (event: KeyboardEvent): void => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next: Record<string, number> = {
      ArrowLeft: value - step * toWider,
      ArrowRight: value + step * toWider,
      Home: min,
      End: max,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    onCommit(clamp(next[event.key]!));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, start: value, last: value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return;
    drag.current.last = clamp(drag.current.start + (event.clientX - drag.current.x) * toWider);
    onPreview(drag.current.last);
  };
  const onPointerEnd = (event: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return;
    const { start, last } = drag.current;
    drag.current = undefined;
    event.currentTarget.releasePointerCapture(event.pointerId);
    if (last !== start) onCommit(last);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className="splitter"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onDoubleClick={onReset}
    />
  );
}
