/**
 * `stories <file-or-dir>…`: which article files tell the same story, decided by the code the
 * app runs when an article is stored (search-engine/core/story-grouping.ts). Each file is read
 * as "Import" reads it (.html, .txt, .md); a directory stands for the importable files in it and
 * its subdirectories. Files are taken in the order given (a directory's in name order), which
 * is the arrival order the grouping sees. Prints `{ "groups": [[file, …], …] }`: every file in
 * exactly one group (a file Import cannot read as an article alone in its own, with a warning).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { htmlToText } from '../../search-engine/core/html-text';
import { groupAll, type StoryInput } from '../../search-engine/core/story-grouping';
import { canonicalUrl } from '../../shared/canonical-url';
import { AppError } from '../../shared/result';
import { importFile } from '../articles/article-service';
import { createExtractPool } from '../articles/extract-pool';
import { hasImportExtension } from '../articles/import-file';
import { UsageError } from './args';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { readTargetFile } from './target';

export const storiesCommand: Command = {
  name: 'stories',
  usage: 'stories <file-or-dir>…',
  async run(argv, io) {
    const args = argv[0] === '--' ? argv.slice(1) : argv;
    const option = args.find((arg) => arg.startsWith('-') && arg !== '-');
    if (option) throw new UsageError(`unknown option ${option}`);
    if (args.length === 0) throw new UsageError('missing argument');
    const files: string[] = [];
    for (const arg of args) files.push(...(await articleFiles(arg)));
    const unique = [...new Set(files)];
    const pool = createExtractPool({ size: 1 });
    const inputs: StoryInput[] = [];
    try {
      for (const file of unique) inputs.push(await storyInput(io, pool.extract, file));
    } finally {
      await pool.close();
    }
    const groups = groupAll(inputs);
    return `${JSON.stringify({ groups }, null, 2)}\n`;
  },
};

async function storyInput(
  io: CliIo,
  extract: Parameters<typeof importFile>[2],
  file: string,
): Promise<StoryInput> {
  const bytes = await readTargetFile(io, file);
  let article;
  try {
    article = await importFile({ name: path.basename(file), bytes }, io.now(), extract);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // A file Import refuses (no article text, a PDF named .html) is still one of the files:
    // alone in its group, with the reason on stderr, so the other files are still grouped.
    io.stderr(`warning: ${file}: ${error.message} (grouped alone)\n`);
    return { id: file, title: '', text: '', publishedAt: io.now() };
  }
  const input: StoryInput = {
    id: file,
    title: article.title,
    // The text the search index reads, which is what the app fingerprints.
    text: htmlToText(article.contentHtml),
    publishedAt: article.published ?? io.now(),
  };
  const url = canonicalUrl(article.url);
  if (url) input.url = url;
  return input;
}

/** A file as named; a directory's importable files, recursively, in name order. */
async function articleFiles(target: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(target, { withFileTypes: true });
  } catch (error) {
    if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOTDIR') {
      return [target];
    }
    if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') {
      throw new AppError('invalid-params', 'main.cli.noSuchPath', { path: target });
    }
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) files.push(...(await articleFiles(full)));
    // By name only: a directory's other files (images, notes) are not articles.
    else if (entry.isFile() && hasImportExtension(entry.name)) files.push(full);
  }
  return files;
}
