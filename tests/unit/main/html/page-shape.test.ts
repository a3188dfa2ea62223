import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@main/articles/extract-article';
import { MAX_PAGE_DEPTH, measurePage, pageShapeProblem } from '@main/html/page-shape';
import { AppError } from '@shared/result';
import { honestPage, manyIframes, nestedDivs } from '../articles/hostile-pages';

const PAGES = fileURLToPath(new URL('../../../fixtures/pages/articles/', import.meta.url));

function extractionError(html: string): AppError {
  try {
    extractArticle(html, { url: 'https://hostile.example/page' });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected extractArticle to throw');
}

describe('measurePage: the shape of a page before it is parsed', () => {
  it('counts nesting, elements and embeds as the parser would build them', () => {
    const html =
      '<!DOCTYPE html><html><head><title>a <div> b</title><script>"<div><div>"</script></head>' +
      '<body><!-- <div><div> --><div><p>one<p>two<img src=x><br></div>' +
      '<iframe src="https://x.example/"><div><div></iframe><video></video></body></html>';
    // html > body > div > p is the deepest; the markup inside title, script, comments and the
    // iframe is text; img and br are void.
    expect(measurePage(html)).toEqual({ depth: 4, elements: 12, embeds: 2 });
  });

  it('does not read ordinary sloppy markup as deep', () => {
    const cases = [
      '<body>' + '<p><font size=2><b>text'.repeat(800), // unclosed paragraphs and fonts
      '<ul>' + '<li><a href=x>item'.repeat(800) + '</ul>', // unclosed items and links
      '<table>' + '<tr><td>a<td>b'.repeat(800) + '</table>', // unclosed rows and cells
      '<svg>' + '<path d="M0 0"/>'.repeat(800) + '</svg>', // self-closing in SVG
      '<p title="a > b">x</p>'.repeat(800), // a > inside a quoted attribute
    ];
    for (const html of cases) expect(measurePage(html).depth, html.slice(0, 30)).toBeLessThan(10);
  });

  it('finds the saved news pages shallow and small', () => {
    for (const name of readdirSync(PAGES).filter((file) => file.endsWith('.html'))) {
      const shape = measurePage(readFileSync(PAGES + name, 'utf8'));
      expect(pageShapeProblem(shape), name).toBeUndefined();
      expect(shape.depth, name).toBeLessThan(20);
    }
  });

  it('counts unclosed divs as nesting, as browsers build them', () => {
    expect(measurePage('<body>' + '<div>x'.repeat(600)).depth).toBeGreaterThan(MAX_PAGE_DEPTH);
  });
});

describe('extractArticle: hostile pages are refused before jsdom sees them', () => {
  it('refuses 10,000 nested divs at once, naming the depth', () => {
    const started = performance.now();
    const error = extractionError(nestedDivs(10_000));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'This page is too complex to read offline (nesting deeper than 512 levels).',
    );
  }, 10_000);

  it('refuses 5,000 iframes at once, naming the embeds', () => {
    const started = performance.now();
    const error = extractionError(manyIframes(5_000));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      'This page is too complex to read offline (more than 2,000 embedded frames and players).',
    );
  }, 10_000);

  it('refuses a page of more than 50,000 elements', () => {
    const html = honestPage().replace('</article>', `${'<span>a</span>'.repeat(50_001)}</article>`);
    expect(extractionError(html).message).toBe(
      'This page is too complex to read offline (more than 50,000 elements).',
    );
  }, 10_000);

  it('still reads a page nested 100 levels deep', () => {
    const html = honestPage().replace('<article>', `${'<div>'.repeat(100)}<article>`);
    expect(extractArticle(html, { url: 'https://example.com/a' }).wordCount).toBeGreaterThan(100);
  });
});
