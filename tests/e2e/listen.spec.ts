import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, subscribe } from './support/app';

/**
 * Headless Chromium has no voices, so the browser's speech API (and only it) is replaced by a
 * recorder: utterances are logged, `end` fires when the test says a paragraph is done, and the
 * voices arrive late, with `voiceschanged`, as Chromium's do.
 */
function stubSpeech(page: Page, voices: object[]) {
  return page.addInitScript((voiceList) => {
    const w = window as unknown as Record<string, unknown>;
    const spoken: object[] = [];
    let current: EventTarget | null = null;
    let loaded = false;
    const synth = new EventTarget() as EventTarget & Record<string, unknown>;
    Object.assign(synth, {
      paused: false,
      getVoices: () => (loaded ? voiceList : []),
      speak(u: EventTarget & Record<string, unknown>) {
        current = u;
        const voice = u['voice'] as { name?: string } | null;
        spoken.push({ text: u['text'], lang: u['lang'], rate: u['rate'], voice: voice?.name });
        setTimeout(() => u.dispatchEvent(new Event('start')));
      },
      cancel() {
        const u = current;
        current = null;
        if (u) u.dispatchEvent(Object.assign(new Event('error'), { error: 'interrupted' }));
      },
      pause() {
        synth['paused'] = true;
      },
      resume() {
        synth['paused'] = false;
      },
    });
    class Utterance extends EventTarget {
      text: string;
      lang = '';
      rate = 1;
      voice: object | null = null;
      constructor(text: string) {
        super();
        this.text = text;
      }
    }
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      value: Utterance,
      configurable: true,
    });
    w['__spoken'] = spoken;
    w['__finishParagraph'] = () => {
      const u = current;
      current = null;
      u?.dispatchEvent(new Event('end'));
    };
    setTimeout(() => {
      loaded = true;
      synth.dispatchEvent(new Event('voiceschanged'));
    }, 300);
  }, voices);
}

const spoken = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __spoken: { text: string; lang: string; rate: number; voice?: string }[];
        }
      ).__spoken,
  );
const isPaused = (page: Page) =>
  page.evaluate(() => (window.speechSynthesis as unknown as { paused: boolean }).paused);
const finishParagraph = (page: Page) =>
  page.evaluate(() => (window as unknown as { __finishParagraph: () => void }).__finishParagraph());

const PARAGRAPHS = [
  'Le conseil du port a voté le budget mardi soir.',
  'Les habitants ont salué le projet de mât d’amarrage.',
  'Le maire a promis des travaux avant l’été.',
];

async function openFrenchArticle(page: Page, host: string, feeds: string) {
  await openApp(page, host);
  const body = PARAGRAPHS.map((p) => `&lt;p&gt;${p}&lt;/p&gt;`).join('');
  const url = await putFeed(
    feeds,
    'listen.xml',
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le Port</title>
    <link>http://example.invalid/</link><description>d</description><language>fr</language>
    <item><title>Le budget du port</title><guid isPermaLink="false">fr-1</guid>
    <link>http://example.invalid/fr-1</link><pubDate>Wed, 03 Sep 2025 09:30:00 GMT</pubDate>
    <description>${body}</description></item></channel></rss>`,
  );
  await subscribe(page, url);
  await articleList(page)
    .getByRole('button', { name: /Le budget du port/ })
    .click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    'Le budget du port',
  );
}

test('Listen reads the article paragraph by paragraph in its language, with pause, speed and stop', async ({
  page,
  host,
  feeds,
}) => {
  await stubSpeech(page, [
    { name: 'English', lang: 'en-GB', localService: true, default: true, voiceURI: 'en' },
    {
      name: 'Français en ligne',
      lang: 'fr-FR',
      localService: false,
      default: false,
      voiceURI: 'fo',
    },
    { name: 'Français', lang: 'fr-CA', localService: true, default: false, voiceURI: 'fr' },
  ]);
  await openFrenchArticle(page, host.url, feeds.url);
  const listen = page.getByRole('group', { name: 'Listen' });
  const paragraphs = page.locator('.reader-content p');
  const reading = page.locator('.reader-content .listen-current');

  // The key `l` starts it: the headline, then the first paragraph, in French, by the local
  // French voice.
  const headline = page.getByRole('article').getByRole('heading', { level: 1 });
  await expect(listen.getByRole('button', { name: 'Listen' })).toBeVisible();
  await page.keyboard.press('l');
  await expect(listen.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(headline).toHaveClass(/listen-current/);
  await finishParagraph(page);
  await expect(reading).toHaveText(PARAGRAPHS[0]!);
  await expect(paragraphs.first()).toHaveClass(/listen-current/);
  await expect(headline).not.toHaveClass(/listen-current/);
  expect(await spoken(page)).toEqual([
    { text: 'Le budget du port', lang: 'fr', rate: 1, voice: 'Français' },
    { text: PARAGRAPHS[0], lang: 'fr', rate: 1, voice: 'Français' },
  ]);

  // The next paragraph follows when one ends, and the mark moves with it.
  await finishParagraph(page);
  await expect(reading).toHaveText(PARAGRAPHS[1]!);
  await expect(reading).toHaveCount(1);

  // Pause and resume, by button and by key.
  await listen.getByRole('button', { name: 'Pause' }).click();
  await expect(listen.getByRole('button', { name: 'Resume' })).toBeVisible();
  expect(
    await page.evaluate(() => (window.speechSynthesis as unknown as { paused: boolean }).paused),
  ).toBe(true);
  await page.keyboard.press('l');
  await expect(listen.getByRole('button', { name: 'Pause' })).toBeVisible();
  expect(
    await page.evaluate(() => (window.speechSynthesis as unknown as { paused: boolean }).paused),
  ).toBe(false);

  // A new speed starts the paragraph again at that speed.
  await listen.getByRole('combobox', { name: 'Speed' }).selectOption('1.5');
  await expect
    .poll(async () => (await spoken(page)).at(-1))
    .toEqual({
      text: PARAGRAPHS[1],
      lang: 'fr',
      rate: 1.5,
      voice: 'Français',
    });
  await finishParagraph(page);
  await expect(reading).toHaveText(PARAGRAPHS[2]!);
  expect((await spoken(page)).at(-1)!.rate).toBe(1.5);

  // Stop ends it and takes the mark away.
  await listen.getByRole('button', { name: 'Stop' }).click();
  await expect(listen.getByRole('button', { name: 'Listen' })).toBeVisible();
  await expect(listen.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await expect(reading).toHaveCount(0);

  // Stopped while paused, the speech API is not left paused (Chromium keeps it through a cancel).
  await listen.getByRole('button', { name: 'Listen' }).click();
  await listen.getByRole('button', { name: 'Pause' }).click();
  await listen.getByRole('button', { name: 'Stop' }).click();
  await expect(listen.getByRole('button', { name: 'Listen' })).toBeVisible();
  expect(await isPaused(page)).toBe(false);

  // Read to the end, it stops by itself after the last paragraph.
  await listen.getByRole('button', { name: 'Listen' }).click();
  for (let i = 0; i <= PARAGRAPHS.length; i++) await finishParagraph(page);
  await expect(listen.getByRole('button', { name: 'Listen' })).toBeVisible();
  await expect(reading).toHaveCount(0);
});

test('Listen is not offered where the system has no voice', async ({ page, host, feeds }) => {
  await stubSpeech(page, []);
  await openFrenchArticle(page, host.url, feeds.url);
  await expect(page.getByRole('button', { name: 'Find', exact: true })).toBeVisible();
  // Past the stub's late `voiceschanged`, still nothing.
  await page.waitForTimeout(600);
  await expect(page.getByRole('group', { name: 'Listen' })).toHaveCount(0);
  await page.keyboard.press('l');
  await expect(page.locator('.reader-content .listen-current')).toHaveCount(0);
});
