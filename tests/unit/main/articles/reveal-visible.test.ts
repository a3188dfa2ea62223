import { describe, expect, it } from 'vitest';
import { extractArticle } from '@main/articles/extract-article';
import { AppError } from '@shared/result';

const NOW = Date.parse('2025-12-01T00:00:00Z');
const URL = 'https://news.example.com/harbour/boatyards';
const PARAGRAPHS = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1}. The harbour authority said on Tuesday that the old boatyards would reopen to visitors in spring, after a decade of repairs to the slipways and the sheds along the water.</p>`,
).join('\n');

const page = (body: string) =>
  `<!DOCTYPE html><html lang="en"><head><title>Boatyards reopen after repairs</title></head><body>${body}</body></html>`;

describe('extractArticle on pages that hide things', () => {
  it('reads an article styled visible inside a wrapper hidden until scripts run', () => {
    const html = page(
      `<div class="app" style="visibility: hidden">
        <nav>Menu Home World Sport</nav>
        <div class="promo" style="visibility:hidden">Subscribe now for one euro a week.</div>
        <article style="visibility: visible">${PARAGRAPHS}</article>
        Hidden loose text.
      </div>`,
    );
    const article = extractArticle(html, { url: URL, now: NOW });
    expect(article.title).toBe('Boatyards reopen after repairs');
    expect(article.textContent).toContain('Paragraph 6.');
    expect(article.textContent).not.toMatch(/Subscribe|Menu Home|Hidden loose text/);
  });

  it('reads an article under aria-hidden, as a page saved with its cookie dialog open has it', () => {
    const html = page(
      `<div id="page" aria-hidden="true"><header>The Harbour News</header><main>${PARAGRAPHS}</main></div>
       <div role="dialog" aria-modal="true"><p>We use cookies.</p><button>Accept</button></div>`,
    );
    const article = extractArticle(html, { url: URL, now: NOW });
    expect(article.textContent).toContain('Paragraph 1.');
    expect(article.textContent).not.toContain('We use cookies');
  });

  it('still refuses a page whose article is hidden with everything around it', () => {
    const html = page(
      `<div style="visibility:hidden">${PARAGRAPHS}</div><p>Only this short line shows.</p>`,
    );
    expect(() => extractArticle(html, { url: URL, now: NOW })).toThrow(AppError);
    expect(() => extractArticle(html, { url: URL, now: NOW })).toThrow(
      'No article text found on this page.',
    );
  });
});
