import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '@renderer/app/error-boundary';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

function Crashing(): never {
  throw new Error('the list exploded');
}

describe('ErrorBoundary', () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    // React and the boundary both log the crash; keep the test output readable.
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.restoreAllMocks();
  });

  it('replaces a crashed view with a readable message and a Reload button', () => {
    act(() =>
      root.render(
        <ErrorBoundary>
          <Crashing />
        </ErrorBoundary>,
      ),
    );
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.querySelector('h1')?.textContent).toBe('Something went wrong');
    expect(alert?.textContent).toContain('the list exploded');
    const reload = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Reload',
    );
    expect(reload).toBeDefined();
  });

  it('reloads the page when asked', () => {
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload });
    act(() =>
      root.render(
        <ErrorBoundary>
          <Crashing />
        </ErrorBoundary>,
      ),
    );
    act(() => container.querySelector('button')?.click());
    expect(reload).toHaveBeenCalledOnce();
  });

  it('shows its children when nothing fails', () => {
    act(() =>
      root.render(
        <ErrorBoundary>
          <p>Fine</p>
        </ErrorBoundary>,
      ),
    );
    expect(container.textContent).toBe('Fine');
  });
});
