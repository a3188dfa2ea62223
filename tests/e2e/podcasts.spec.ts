import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixtures';
import { articleList, putFeed, sources, subscribe } from './support/app';

/** A WAV file of `seconds` of a quiet tone: every Chromium plays PCM WAV. */
function wav(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const buffer = Buffer.alloc(44 + samples);
  buffer.write('RIFF', 0);
  buffer.writeUInt32LE(36 + samples, 4);
  buffer.write('WAVEfmt ', 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(rate, 24);
  buffer.writeUInt32LE(rate, 28);
  buffer.writeUInt16LE(1, 32);
  buffer.writeUInt16LE(8, 34);
  buffer.write('data', 36);
  buffer.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i += 1) {
    buffer[44 + i] = 128 + Math.round(20 * Math.sin((2 * Math.PI * 440 * i) / rate));
  }
  return buffer;
}

test('a podcast kept offline plays after its server is gone, and resumes where it was left', async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(90_000);
  const audio = wav(30);
  const put = await fetch(`${feeds.url}/mutable/episode-1.wav`, {
    method: 'PUT',
    headers: { 'content-type': 'audio/wav' },
    body: new Uint8Array(audio),
  });
  expect(put.ok).toBe(true);
  const url = await putFeed(
    feeds.url,
    'podcast',
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Harbour Hour</title>
    <link>${feeds.url}/</link><description>A podcast</description>
    <item><title>Episode 1: The ferry</title><guid isPermaLink="false">ep1</guid>
    <pubDate>${new Date(Date.UTC(2025, 7, 20)).toUTCString()}</pubDate>
    <description>Half an hour on the ferry.</description>
    <enclosure url="${feeds.url}/mutable/episode-1.wav" type="audio/wav" length="${audio.length}"/>
    </item></channel></rss>`,
  );

  await page.goto(host.url);
  await subscribe(page, url);
  const row = articleList(page).getByRole('button', { name: /Episode 1: The ferry/ });
  await expect(row.getByRole('img', { name: 'Has audio' })).toBeVisible();
  await row.click();
  const player = page.getByRole('region', { name: 'Episode player' });
  await expect(player.getByRole('status')).toHaveText(/Not downloaded/);

  // "Keep episodes offline" on the feed: main downloads it, the reader shows it kept.
  await sources(page).getByRole('button', { name: 'Options for Harbour Hour' }).click();
  const options = page.getByRole('dialog', { name: 'Feed options' });
  await options.getByRole('checkbox', { name: 'Keep episodes offline' }).check();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options).toBeHidden();
  await expect(player.getByRole('status')).toHaveText(/Kept offline/, { timeout: 20_000 });
  const downloads = feeds.requests.filter(
    (r) => r.method === 'GET' && r.path.endsWith('/episode-1.wav'),
  );
  expect(downloads.length).toBeGreaterThan(0);
  expect(downloads[0]?.headers.range).toMatch(/^bytes=0-\d+$/);

  // The server goes away; after a reload the episode plays from the library.
  await feeds.close();
  await page.reload();
  await articleList(page)
    .getByRole('button', { name: /Episode 1: The ferry/ })
    .click();
  const media = page.getByLabel('Episode: Episode 1: The ferry');
  await expect(media).toBeVisible();
  await player.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await media.evaluate(async (element: HTMLMediaElement) => {
    element.muted = true;
    await element.play();
  });
  await expect
    .poll(() => media.evaluate((element: HTMLMediaElement) => element.currentTime), {
      timeout: 15_000,
    })
    .toBeGreaterThan(4);
  expect(await media.evaluate((element: HTMLMediaElement) => element.playbackRate)).toBe(2);
  // The player and its controls: every one named, nothing serious for axe.
  const axe = await new AxeBuilder({ page }).include('.episode-player').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);
  await expect(player.getByRole('button', { name: 'Remove download' })).toBeVisible();
  const left = await media.evaluate((element: HTMLMediaElement) => {
    element.pause();
    return element.currentTime;
  });

  // Reopened after a reload: it continues where it was paused.
  await page.waitForTimeout(500);
  await page.reload();
  await articleList(page)
    .getByRole('button', { name: /Episode 1: The ferry/ })
    .click();
  const again = page.getByLabel('Episode: Episode 1: The ferry');
  await expect
    .poll(() => again.evaluate((element: HTMLMediaElement) => element.currentTime))
    .toBeGreaterThan(left - 1);
  expect(await again.evaluate((element: HTMLMediaElement) => element.currentTime)).toBeLessThan(
    left + 1,
  );
});
