import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { isPlaceholderSrc, pickCandidate, resolveLazyImages } from '@main/articles/resolve-images';

const PAGE = 'https://news.example/2025/05/story.html';

function resolve(body: string, head = ''): string {
  const dom = new JSDOM(`<!doctype html><head>${head}</head><body>${body}</body>`, {
    url: PAGE,
    virtualConsole: new VirtualConsole(),
  });
  const document = dom.window.document;
  resolveLazyImages(document.body, document.baseURI);
  return document.body.innerHTML;
}

describe('resolveLazyImages', () => {
  it.each([
    ['data-src', '<img src="data:image/gif;base64,R0lGOD" data-src="a.png">'],
    ['data-original', '<img src="/img/blank.gif" data-original="a.png">'],
    ['data-lazy-src', '<img src="placeholder.jpg" data-lazy-src="a.png">'],
    ['data-srcset', '<img src="spacer.gif" data-srcset="a.png 800w, b.png 4000w">'],
    ['srcset', '<img src="" srcset="small.png 300w, a.png 1200w, huge.png 3000w">'],
  ])('takes the real image from %s', (_name, html) => {
    expect(resolve(html)).toBe('<img src="https://news.example/2025/05/a.png">');
  });

  it('collapses <picture> into its img with the best usable source', () => {
    const html = resolve(
      '<picture><source media="(max-width: 600px)" srcset="narrow.png 600w"><source type="image/jxl" srcset="a.jxl 1400w"><source srcset="a-800.png 800w, a-1400.png 1400w"><img src="a-800.png" alt="A"></picture>',
    );
    expect(html).toBe('<img src="https://news.example/2025/05/a-1400.png" alt="A">');
  });

  it('uses the noscript copy of a lazy image, and only of a lazy one', () => {
    expect(
      resolve(
        '<img class="lazy" src="data:image/gif;base64,R0" alt="Boat"><noscript><img src="boat.png"></noscript>',
      ),
    ).toBe('<img src="https://news.example/2025/05/boat.png" alt="Boat">');
    expect(
      resolve(
        '<img src="photo.png"><noscript><img src="https://www.facebook.com/tr?id=1"></noscript>',
      ),
    ).toBe('<img src="https://news.example/2025/05/photo.png">');
  });

  it('resolves against <base href> and drops images that are not on the web', () => {
    const html = resolve(
      '<img src="a.png"><img src="javascript:alert(1)"><img src="ftp://files.example/b.png"><img alt="no source">',
      '<base href="https://cdn.example/media/">',
    );
    expect(html).toBe('<img src="https://cdn.example/media/a.png">');
  });
});

describe('pickCandidate and isPlaceholderSrc', () => {
  it('takes the widest candidate up to 1600px, else the narrowest above', () => {
    expect(
      pickCandidate([
        { url: 'a', width: 400 },
        { url: 'b', width: 1600 },
        { url: 'c', width: 2400 },
      ])?.url,
    ).toBe('b');
    expect(
      pickCandidate([
        { url: 'a', width: 2000 },
        { url: 'b', width: 3000 },
      ])?.url,
    ).toBe('a');
    expect(
      pickCandidate([
        { url: 'a', density: 1 },
        { url: 'b', density: 2 },
        { url: 'c', density: 3 },
      ])?.url,
    ).toBe('b');
    expect(pickCandidate([])).toBeUndefined();
  });

  it('knows placeholder images by their names and data: URIs, not by words in real names', () => {
    for (const src of [
      '',
      'data:image/png;base64,x',
      '/blank.gif',
      'spacer.png',
      'grey-16x9.png',
      '/assets/placeholder/x.jpg',
      'lazyload.gif',
      '1x1.gif',
    ]) {
      expect(isPlaceholderSrc(src), src).toBe(true);
    }
    for (const src of ['pixel-art.png', 'loading-dock.jpg', 'blanket.png', 'photo.jpg']) {
      expect(isPlaceholderSrc(src), src).toBe(false);
    }
  });
});
