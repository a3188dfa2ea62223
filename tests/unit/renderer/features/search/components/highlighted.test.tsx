import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { Highlighted } from '@renderer/features/search/components/highlighted';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

describe('Highlighted', () => {
  it('renders segments as text, matches in <mark>, and never parses article text as HTML', () => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    const container = document.createElement('p');
    const root = createRoot(container);
    act(() =>
      root.render(
        <Highlighted
          segments={[
            { text: 'Before <img src=x onerror=alert(1)> ', match: false },
            { text: '이재명', match: true },
            { text: ' & <b>after</b>', match: false },
          ]}
        />,
      ),
    );
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('mark')?.textContent).toBe('이재명');
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.textContent).toBe('Before <img src=x onerror=alert(1)> 이재명 & <b>after</b>');
    act(() => root.unmount());
  });
});
