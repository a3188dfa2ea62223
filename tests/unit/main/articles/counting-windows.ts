/** A jsdom window factory for createPageParser that counts the windows it built and left open. */
import { JSDOM, VirtualConsole, type DOMWindow } from 'jsdom';

export function countingWindows() {
  const counts = { created: 0, open: 0 };
  const createWindow = (): DOMWindow => {
    const window = new JSDOM('<!DOCTYPE html>', {
      url: 'https://broadsheet.invalid/',
      virtualConsole: new VirtualConsole(),
    }).window;
    counts.created++;
    counts.open++;
    const close = window.close.bind(window);
    let closed = false;
    window.close = () => {
      // Closing twice is harmless in jsdom; counting it twice would hide a window left open.
      if (!closed) counts.open--;
      closed = true;
      close();
    };
    return window;
  };
  return { createWindow, counts };
}
