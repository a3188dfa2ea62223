/**
 * What bench:storage runs inside the app's page (bundled by esbuild and added as a script tag,
 * so it can use the search bench's corpus generator): encodes a few real images, writes
 * articles with their HTML and images straight into the app's IndexedDB, and reads back what
 * the search index stores. Raw IndexedDB, no Dexie: the app's own database layer is not
 * observed by these writes, which is why the bench reloads the page after seeding.
 */
import { CorpusGenerator, FEED_COUNT, type SentencePool } from '../bench-search/corpus';
import { seededRandom } from '../../tests/e2e/support/seeded-random';

const DAY = 24 * 3600 * 1000;

export interface SeedChunk {
  from: number;
  to: number;
  /** Share of articles with images (one or two each). */
  imageShare: number;
  /** Share of articles old enough for the retention pass to purge (60 days vs 1 day). */
  oldShare: number;
  now: number;
}

/** Logical bytes written: UTF-8 of each field as the app gives it to IndexedDB. */
export interface SeedTally {
  articles: number;
  /** The article row without its HTML, as JSON. */
  textBytes: number;
  /** `contentHtml`. */
  htmlBytes: number;
  images: number;
  /** The encoded image files. */
  imageBytes: number;
  /** The image rows without their Blob, as JSON. */
  imageRowBytes: number;
  old: number;
  bookmarked: number;
}

export interface IndexStats {
  /** What IndexedDbStorage.size() counts: pages, segment headers, columns and info chunks. */
  bytes: number;
  pageBytes: number;
  segments: number;
  docsInSegments: number;
  liveCount: number;
  rebuilding: boolean;
  generation: number;
}

interface Variant {
  type: string;
  bytes: ArrayBuffer;
  width: number;
  height: number;
}

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text).length;

function open(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/**
 * Real encoded images, as a feed's pictures arrive: photographs as JPEG and WebP (smooth shapes
 * with sensor-like noise, which is what makes a photograph's file large) and diagrams as PNG
 * (flat colours and lines). A dozen variants, reused: a file's size, not its pixels, is what
 * the bench measures.
 */
async function encodeVariants(): Promise<Variant[]> {
  const variants: Variant[] = [];
  const random = seededRandom(7);
  const kinds: [string, number | undefined][] = [
    ['image/jpeg', 0.82],
    ['image/webp', 0.8],
    ['image/png', undefined],
  ];
  for (let n = 0; n < 12; n++) {
    const [type, quality] = kinds[n % 3]!;
    const width = [640, 800, 480, 1024][n % 4]!;
    const height = Math.round((width * 9) / 16);
    const canvas = new OffscreenCanvas(width, height);
    const g = canvas.getContext('2d')!;
    const hue = Math.floor(random() * 360);
    if (type === 'image/png') {
      g.fillStyle = `hsl(${hue} 30% 96%)`;
      g.fillRect(0, 0, width, height);
      for (let bar = 0; bar < 12; bar++) {
        g.fillStyle = `hsl(${(hue + bar * 25) % 360} 55% 50%)`;
        const h = random() * height * 0.7;
        g.fillRect(40 + bar * ((width - 80) / 12), height - 40 - h, (width - 80) / 16, h);
      }
      g.strokeStyle = '#333';
      g.font = '16px sans-serif';
      g.fillStyle = '#222';
      for (let line = 0; line < 6; line++)
        g.fillText(`Series ${line + 1}: ${n * 17 + line}`, 20, 24 + line * 20);
    } else {
      for (let blob = 0; blob < 40; blob++) {
        const x = random() * width;
        const y = random() * height;
        const r = 20 + random() * width * 0.3;
        const gradient = g.createRadialGradient(x, y, 0, x, y, r);
        gradient.addColorStop(0, `hsl(${(hue + random() * 90) % 360} 60% ${30 + random() * 50}%)`);
        gradient.addColorStop(1, 'transparent');
        g.fillStyle = gradient;
        g.fillRect(0, 0, width, height);
      }
      const pixels = g.getImageData(0, 0, width, height);
      for (let i = 0; i < pixels.data.length; i += 4) {
        const noise = (random() - 0.5) * 18;
        pixels.data[i] = pixels.data[i]! + noise;
        pixels.data[i + 1] = pixels.data[i + 1]! + noise;
        pixels.data[i + 2] = pixels.data[i + 2]! + noise;
        pixels.data[i + 3] = 255;
      }
      g.putImageData(pixels, 0, 0);
    }
    const blob = await canvas.convertToBlob({ type, quality });
    if (blob.type !== type) throw new Error(`this Chromium cannot encode ${type}`);
    variants.push({ type, bytes: await blob.arrayBuffer(), width, height });
  }
  return variants;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const extension = (type: string) => type.slice('image/'.length).replace('jpeg', 'jpg');

/** HTML as the extractor and sanitizer leave it: paragraphs, subheads, links, figures. */
function articleHtml(
  body: string,
  random: () => number,
  images: { url: string; variant: Variant; caption: string }[],
): string {
  const sentences = body.split(/(?<=[.!?。！？])\s*/);
  const parts: string[] = [];
  let paragraph: string[] = [];
  let count = 0;
  const figures = [...images];
  const flush = () => {
    if (!paragraph.length) return;
    let text = escape(paragraph.join(' '));
    if (random() < 0.35) {
      // One linked phrase in about a third of the paragraphs.
      const words = text.split(' ');
      const at = Math.floor(random() * Math.max(1, words.length - 3));
      const slug = Math.floor(random() * 1e9).toString(36);
      words[at] = `<a href="https://news.example.org/${slug}">${words[at]}`;
      words[Math.min(words.length - 1, at + 2)] += '</a>';
      text = words.join(' ');
    }
    parts.push(`<p>${text}</p>`);
    paragraph = [];
    count++;
    if (count % 5 === 0) parts.push(`<h2>${escape(sentences[count]?.slice(0, 60) ?? '')}</h2>`);
    const figure = count % 3 === 1 ? figures.shift() : undefined;
    if (figure)
      parts.push(
        `<figure><img src="${figure.url}" alt="${escape(figure.caption)}" width="${figure.variant.width}" height="${figure.variant.height}" loading="lazy"><figcaption>${escape(figure.caption)}</figcaption></figure>`,
      );
  };
  for (const sentence of sentences) {
    paragraph.push(sentence);
    if (paragraph.length >= 3 + Math.floor(random() * 3)) flush();
  }
  flush();
  return parts.join('\n');
}

let generator: CorpusGenerator | undefined;
let variants: Variant[] = [];

/** 2-digit-padded feed id, as the bench names them. */
const feedIdOf = (feed: number) => `feed-${feed}`;

const bench = {
  /** Takes the sentence pool and encodes the images; returns each variant's type and size. */
  async prepare(pool: SentencePool) {
    generator = new CorpusGenerator(pool);
    variants = await encodeVariants();
    return variants.map((v) => ({ type: v.type, bytes: v.bytes.byteLength, width: v.width }));
  },

  /** The bench's feeds (FEED_COUNT, the corpus's), none due for a fetch. */
  async seedFeeds(now: number): Promise<void> {
    const db = await open('broadsheet');
    const tx = db.transaction('feeds', 'readwrite');
    for (let n = 0; n < FEED_COUNT; n++)
      tx.objectStore('feeds').put({
        id: feedIdOf(n),
        url: `http://127.0.0.1:9/${feedIdOf(n)}.xml`,
        title: `Storage bench feed ${n}`,
        createdAt: now,
        lastFetchedAt: now,
        nextAttemptAt: now + 365 * DAY,
        failureCount: 0,
        iconRetry: { failures: 1, nextAttemptAt: now + 365 * DAY },
      });
    await done(tx);
    db.close();
  },

  /** Writes articles [from, to) with their images; returns the bytes written. */
  async seed({ from, to, imageShare, oldShare, now }: SeedChunk): Promise<SeedTally> {
    if (!generator) throw new Error('prepare first');
    const tally: SeedTally = {
      articles: 0,
      textBytes: 0,
      htmlBytes: 0,
      images: 0,
      imageBytes: 0,
      imageRowBytes: 0,
      old: 0,
      bookmarked: 0,
    };
    const db = await open('broadsheet');
    const BATCH = 1000;
    // The browser commits one batch while this thread makes the next (they queue in order).
    let committing: Promise<void> | undefined;
    for (let start = from; start < to; start += BATCH) {
      const tx = db.transaction(['articles', 'images'], 'readwrite');
      const articles = tx.objectStore('articles');
      const imageStore = tx.objectStore('images');
      for (let i = start; i < Math.min(to, start + BATCH); i++) {
        const doc = generator.doc(i);
        const random = seededRandom(i * 2654435761);
        const old = random() < oldShare;
        const fetchedAt = now - (old ? 60 : 1) * DAY - Math.floor(random() * 3600e3);
        const feedId = doc.feedId;
        const guid = `g${i}`;
        const id = `${feedId}|${guid}`;
        const imageCount = random() < imageShare ? 1 + Math.floor(random() * 2) : 0;
        const images = Array.from({ length: imageCount }, (_, k) => {
          const variant = variants[(i + k) % variants.length]!;
          return {
            url: `https://img.news.example.org/${i}/${k}.${extension(variant.type)}`,
            variant,
            caption: doc.title.slice(0, 80),
          };
        });
        const contentHtml = articleHtml(doc.body, random, images);
        const summaryText = doc.body.slice(0, 280);
        const row = {
          id,
          feedId,
          guid,
          url: `https://news.example.org/${feedId}/${guid}`,
          title: doc.title,
          authors: doc.authors,
          publishedAt: Math.min(doc.publishedAt, fetchedAt),
          fetchedAt,
          summary: `<p>${escape(summaryText)}</p>`,
          listText:
            summaryText.length > 180 ? `${summaryText.slice(0, 179).trimEnd()}…` : summaryText,
          images: images.map((image) => image.url),
          categories: [],
          tags: [],
          lang: doc.lang,
          byline: doc.authors[0],
          siteName: `Storage bench feed ${feedId.slice(5)}`,
          wordCount: doc.body.split(' ').length,
          readingMinutes: Math.max(1, Math.round(doc.body.split(' ').length / 230)),
          fullText: 'done',
          offline: 'complete',
          ...(images[0] && { leadImageUrl: images[0].url }),
          unread: doc.unread ? 1 : 0,
          ...(doc.unread ? { unreadAt: fetchedAt } : { readAt: fetchedAt }),
          ...(doc.bookmarked && { bookmarkedAt: fetchedAt }),
          // What placement.ts and read-marks.ts derive for a shown article: raw writes pass no
          // Dexie middleware, and every view and count reads these keys.
          lane: feedId,
          crowd: 1,
        };
        articles.put({ ...row, contentHtml });
        tally.articles++;
        tally.textBytes += utf8(JSON.stringify(row));
        tally.htmlBytes += utf8(contentHtml);
        if (old) tally.old++;
        if (doc.bookmarked) tally.bookmarked++;
        for (const image of images) {
          const stored = {
            url: image.url,
            articleIds: [id],
            status: 'ok',
            contentType: image.variant.type,
            bytes: image.variant.bytes.byteLength,
            width: image.variant.width,
            height: image.variant.height,
            attempts: 1,
            fetchedAt,
          };
          imageStore.put({
            ...stored,
            blob: new Blob([image.variant.bytes], { type: image.variant.type }),
          });
          tally.images++;
          tally.imageBytes += image.variant.bytes.byteLength;
          tally.imageRowBytes += utf8(JSON.stringify(stored));
        }
      }
      const committed = done(tx);
      committed.catch(() => undefined);
      await committing;
      committing = committed;
    }
    await committing;
    db.close();
    return tally;
  },

  /**
   * The first article the purge will take (old, not bookmarked), drawn as `seed` draws: a
   * lookup of one key tells when the purge's one transaction has committed, where counting a
   * million rows four times a second would hold IndexedDB up.
   */
  purgeProbe(oldShare: number): string {
    if (!generator) throw new Error('prepare first');
    for (let i = 0; ; i++) {
      const doc = generator.doc(i);
      const old = seededRandom(i * 2654435761)() < oldShare;
      if (old && !doc.bookmarked) return `${doc.feedId}|g${i}`;
    }
  },

  async hasArticle(id: string): Promise<boolean> {
    const db = await open('broadsheet');
    const found = await request(db.transaction('articles').objectStore('articles').getKey(id));
    db.close();
    return found !== undefined;
  },

  /** Rows in the app's tables that grow with the library. */
  async counts() {
    const db = await open('broadsheet');
    const names = ['articles', 'images', 'positions', 'fingerprints', 'playback', 'episodes'];
    const tx = db.transaction(names);
    const counts = await Promise.all(names.map((name) => request(tx.objectStore(name).count())));
    db.close();
    return Object.fromEntries(names.map((name, i) => [name, counts[i]!]));
  },

  /**
   * What the search index stores, counted as IndexedDbStorage.size() counts it; `quick` reads
   * only the meta and segment rows (pages are gigabytes at a million articles, the per-document
   * chunks tens of megabytes), for polling: counts and the generation.
   */
  async indexStats(quick = false): Promise<IndexStats> {
    const db = await open('broadsheet-search');
    const stats: IndexStats = {
      bytes: 0,
      pageBytes: 0,
      segments: 0,
      docsInSegments: 0,
      liveCount: 0,
      rebuilding: false,
      generation: 0,
    };
    if (!db.objectStoreNames.contains('pages')) {
      db.close();
      return stats;
    }
    const tx = db.transaction(['meta', 'segments', 'pages', 'columns', 'info']);
    await new Promise<void>((resolve, reject) => {
      if (quick) return resolve();
      // A cursor, not getAll: at a million articles the pages are gigabytes.
      const cursor = tx.objectStore('pages').openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return resolve();
        stats.pageBytes += (at.value as { data: Uint8Array }).data.byteLength + 8;
        at.continue();
      };
      cursor.onerror = () => reject(cursor.error);
    });
    stats.bytes += stats.pageBytes;
    type Seg = { docCount: number; firstTerms: Uint8Array };
    for (const segment of (await request(tx.objectStore('segments').getAll())) as Seg[]) {
      stats.segments++;
      stats.docsInSegments += segment.docCount;
      stats.bytes += segment.firstTerms.byteLength + 48;
    }
    type Columns = Record<'length' | 'date' | 'flags' | 'feed' | 'lang', ArrayBufferView>;
    const all = <T>(store: string) =>
      quick
        ? Promise.resolve([] as T[])
        : (request(tx.objectStore(store).getAll()) as Promise<T[]>);
    for (const chunk of await all<Columns>('columns'))
      stats.bytes +=
        chunk.length.byteLength +
        chunk.date.byteLength +
        chunk.flags.byteLength +
        chunk.feed.byteLength +
        chunk.lang.byteLength;
    type Info = { hashes: ArrayBufferView; ids: string[]; stamps: string[] };
    for (const chunk of await all<Info>('info'))
      stats.bytes +=
        chunk.hashes.byteLength +
        chunk.ids.reduce((sum, id) => sum + id.length + 2, 0) +
        chunk.stamps.reduce((sum, stamp) => sum + stamp.length + 2, 0);
    const meta = (await request(tx.objectStore('meta').get('index'))) as
      { value: { liveCount: number; rebuilding: boolean; generation: number } } | undefined;
    stats.liveCount = meta?.value.liveCount ?? 0;
    stats.rebuilding = meta?.value.rebuilding ?? false;
    stats.generation = meta?.value.generation ?? 0;
    db.close();
    // Without the pages and chunks the byte count means nothing: null in the report.
    if (quick) stats.bytes = NaN;
    return stats;
  },
};

export type StorageBenchPage = typeof bench;

(globalThis as unknown as { storageBench: StorageBenchPage }).storageBench = bench;
