import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/**
 * jsdom has <dialog> but not its modal methods. These do what a browser does that the tests
 * rely on: `open` set, and a `close` event when it closes — queued as a task, as a browser
 * queues it, so a dialog opened again at once hears that close while open.
 */
export function installDialogMethods(): void {
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
  if (typeof proto.showModal === 'function') return;
  proto.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function (this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    setTimeout(() => this.dispatchEvent(new Event('close')), 0);
  };
}

export interface Mounted {
  container: HTMLElement;
  root: Root;
  unmount: () => void;
}

export function mount(node: ReactNode): Mounted {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  installDialogMethods();
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
  return {
    container,
    root,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

export async function waitFor(check: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const IMPLICIT: Record<string, (el: Element) => boolean> = {
  button: (el) => el.tagName === 'BUTTON',
  combobox: (el) => el.tagName === 'SELECT' && !(el as HTMLSelectElement).multiple,
  textbox: (el) =>
    (el.tagName === 'INPUT' &&
      ['text', 'url', 'email', ''].includes(el.getAttribute('type') ?? '')) ||
    el.tagName === 'TEXTAREA',
  checkbox: (el) => el.tagName === 'INPUT' && el.getAttribute('type') === 'checkbox',
  dialog: (el) => el.tagName === 'DIALOG',
  list: (el) => el.tagName === 'UL' || el.tagName === 'OL',
  listitem: (el) => el.tagName === 'LI',
  heading: (el) => /^H[1-6]$/.test(el.tagName),
};

function roleOf(el: Element): string | undefined {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit;
  return Object.keys(IMPLICIT).find((role) => IMPLICIT[role]!(el));
}

function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The accessible name, as far as these components need it (aria-label, labelledby, label, text). */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy)
    return labelledBy
      .split(/\s+/)
      .map((id) => text(el.ownerDocument.getElementById(id)))
      .join(' ')
      .trim();
  if (el.id) {
    const byFor = [...el.ownerDocument.querySelectorAll('label')].find((l) => l.htmlFor === el.id);
    if (byFor) return text(byFor);
  }
  if (['BUTTON', 'LI', 'H1', 'H2', 'H3', 'P'].includes(el.tagName) || el.getAttribute('role'))
    return text(el);
  return '';
}

/** Hidden from everyone: inside a closed dialog, `hidden`, or not in the page. */
function hidden(el: Element): boolean {
  for (let at: Element | null = el; at; at = at.parentElement) {
    if (at.hasAttribute('hidden')) return true;
    if (at.tagName === 'DIALOG' && !at.hasAttribute('open')) return true;
  }
  return false;
}

export function queryAllByRole(scope: ParentNode, role: string, name?: string | RegExp): Element[] {
  return [...scope.querySelectorAll('*')].filter(
    (el) =>
      roleOf(el) === role &&
      !hidden(el) &&
      (name === undefined ||
        (typeof name === 'string' ? nameOf(el) === name : name.test(nameOf(el)))),
  );
}

export function getByRole<T extends Element = HTMLElement>(
  scope: ParentNode,
  role: string,
  name?: string | RegExp,
): T {
  const found = queryAllByRole(scope, role, name);
  if (found.length !== 1)
    throw new Error(
      `Expected one ${role}${name ? ` named ${String(name)}` : ''}, found ${found.length}: ${queryAllByRole(
        scope,
        role,
      )
        .map(nameOf)
        .join(' | ')}`,
    );
  return found[0] as T;
}

/** A labelled field (a password input has no role): by its <label>. */
export function getByLabel<T extends HTMLElement = HTMLInputElement>(
  scope: ParentNode,
  label: string,
): T {
  const found = [...scope.querySelectorAll('input, select, textarea')].filter(
    (el) => !hidden(el) && nameOf(el) === label,
  );
  if (found.length !== 1)
    throw new Error(`Expected one field labelled ${label}, found ${found.length}`);
  return found[0] as T;
}

/** Types into a controlled input the way React hears it. */
export function type(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  const proto =
    input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(
      new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  });
}

export function click(el: Element): void {
  act(() => {
    (el as HTMLElement).click();
  });
}

/** Empties the app database between tests; the page's one handle stays open, as in the app. */
export async function clearLibrary(db: { tables: { clear(): Promise<void> }[] }): Promise<void> {
  await Promise.all(db.tables.map((table) => table.clear()));
}
