/**
 * What a `<file-or-url>` argument names, and reading it when it is a file. Shared by every
 * command that takes one, so they agree on what counts as a URL and on the error messages.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/result';
import type { CliIo } from './cli-io';

export type Target = { kind: 'url'; url: string } | { kind: 'file'; path: string; fileUrl: string };

export function classifyTarget(arg: string): Target {
  if (/^https?:\/\//i.test(arg)) return { kind: 'url', url: arg };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(arg);
  if (scheme) {
    throw new AppError('invalid-params', 'main.cli.notWebScheme', { scheme: scheme[1] ?? '' });
  }
  return { kind: 'file', path: arg, fileUrl: pathToFileURL(path.resolve(arg)).href };
}

/**
 * The host of an address typed on the command line: typed by the user, so it may be on their
 * own network (and only it: redirects elsewhere stay refused). Undefined when not a URL.
 */
export function typedHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

export async function readTargetFile(io: CliIo, file: string): Promise<Uint8Array> {
  try {
    return await io.readFile(file);
  } catch (error) {
    throw fileError(error, file);
  }
}

function fileError(error: unknown, file: string): AppError {
  const code =
    error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('invalid-params', 'main.cli.noSuchFile', { file });
    case 'EISDIR':
      return new AppError('invalid-params', 'main.cli.aDirectory', { file });
    case 'EACCES':
    case 'EPERM':
      return new AppError('invalid-params', 'main.cli.notAllowed', { file });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError('internal', 'main.cli.readFailed', { file, detail });
}
