import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fetchFullArticle } from '@main/articles/article-service';
import type { FeedServiceDeps } from '@main/feeds/feed-service';
// Loaded up front, as before the service loaded the in-process extractor lazily: its load time on
// a busy machine is not what these tests time.
import '@main/articles/extract-job';

const PARAGRAPHS = [
  'Президент Южной Кореи прибыл в Токио в субботу утром, где его встретили представители правительства Японии и журналисты со всего мира.',
  'Два лидера обсудили экономическое сотрудничество, торговлю полупроводниками и вопросы региональной безопасности на встрече, которая продолжалась более трёх часов.',
  'По словам советников, стороны договорились продолжить переговоры в следующем месяце и подготовить совместное заявление о борьбе с изменением климата.',
  'Эксперты считают, что визит станет важным шагом к улучшению отношений между странами, которые в последние годы были омрачены спорами о прошлом.',
  'В воскресенье президент посетит выставку современных технологий, а затем встретится с представителями корейской общины, живущей в японской столице.',
];

/** Answers every request with `bytes` and the Content-Type given, as a web server would. */
function serving(bytes: Uint8Array, contentType: string): FeedServiceDeps {
  return {
    userAgent: 'Broadsheet-test/1.0',
    now: () => Date.UTC(2024, 0, 15),
    fetch: async () =>
      new Response(new Uint8Array(bytes), {
        status: 200,
        headers: { 'content-type': contentType },
      }),
  };
}

describe('fetchFullArticle', () => {
  const html = `<!DOCTYPE html><html><head><meta charset="koi8-r"><title>Визит в Токио</title></head><body><article><h1>Визит в Токио</h1>${PARAGRAPHS.map((text) => `<p>${text}</p>`).join('')}</article></body></html>`;
  const bytes = iconv.encode(html, 'windows-1251');

  it('decodes the page with the charset of its HTTP Content-Type, over its <meta>', async () => {
    const deps = serving(bytes, 'text/html; charset=windows-1251');
    const article = await fetchFullArticle(deps, 'https://news.example.ru/world/tokyo');
    expect(article.textContent).toContain(PARAGRAPHS[0]);
    expect(article.textContent).toContain(PARAGRAPHS[2]);
  });

  it('falls back to the page’s own declaration when the header names no charset', async () => {
    // The page lies (KOI8-R), and with nothing better to go on it is believed, as browsers do.
    const deps = serving(bytes, 'text/html');
    const article = await fetchFullArticle(deps, 'https://news.example.ru/world/tokyo');
    expect(article.textContent).not.toContain(PARAGRAPHS[0]);
    expect(article.textContent).toContain(
      iconv.decode(iconv.encode(PARAGRAPHS[0], 'win1251'), 'koi8-r'),
    );
  });
});
