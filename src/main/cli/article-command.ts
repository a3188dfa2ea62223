/**
 * `article <file-or-url> [--url <base-url>]`: what the app would save for a page or a file, as
 * JSON. A URL is fetched and extracted as "Save URL" does; a file goes through the importer that
 * "Import" uses (.txt, .md, .html), with `--url` as an HTML file's address.
 */
import path from 'node:path';
import type { ExtractedArticle } from '../../shared/article-model';
import { fetchFullArticle, importFile } from '../articles/article-service';
import { createExtractPool } from '../articles/extract-pool';
import { parseArgs, UsageError } from './args';
import type { Command } from './command';
import { classifyTarget, readTargetFile, typedHost } from './target';

export const articleCommand: Command = {
  name: 'article',
  usage: 'article <file-or-url> [--url <base-url>]',
  async run(argv, io) {
    const args = parseArgs(argv, { positionals: 1, options: ['url'] });
    const target = classifyTarget(args.positionals[0]!);
    const baseUrl = args.options.get('url');
    if (baseUrl !== undefined && !/^https?:\/\//i.test(baseUrl)) {
      throw new UsageError('--url needs an http or https URL');
    }
    // As in the app: on a worker thread, with its timeout and heap cap.
    const pool = createExtractPool({ size: 1 });
    try {
      const article =
        target.kind === 'url'
          ? await fetchFullArticle(
              {
                fetch: io.fetchFor(typedHost(target.url)),
                userAgent: io.userAgent,
                now: io.now,
                extract: pool.extract,
              },
              target.url,
            )
          : await importFile(
              {
                name: path.basename(target.path),
                bytes: await readTargetFile(io, target.path),
                baseUrl,
              },
              io.now(),
              pool.extract,
            );
      return `${JSON.stringify(articleJson(article), null, 2)}
`;
    } finally {
      await pool.close();
    }
  },
};

/** The fields the CLI promises, in a stable order, with the date as ISO 8601. */
export function articleJson(article: ExtractedArticle): Record<string, unknown> {
  return {
    title: article.title,
    byline: article.byline ?? null,
    published: article.published === undefined ? null : new Date(article.published).toISOString(),
    siteName: article.siteName ?? null,
    section: article.section ?? null,
    lang: article.lang ?? null,
    excerpt: article.excerpt ?? null,
    contentHtml: article.contentHtml,
    textContent: article.textContent,
    wordCount: article.wordCount,
    images: article.images,
  };
}
