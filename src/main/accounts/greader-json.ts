/**
 * Reading a Reader API answer that should be JSON. Servers behind a proxy or a login page answer
 * HTML with status 200; a broken one sends half a document. Both become a `parse` error that
 * says which answer was wrong, and the shapes the client relies on are checked here so that a
 * missing array never surfaces later as "cannot read properties of undefined".
 */
import { AppError } from '../../shared/result';
import type { ServerLabel } from './greader-errors';
import type { ApiResponse } from './greader-transport';

/** Which answer was due, as `what` in the messages (the subscription list, the tag list…). */
export type GReaderAnswer =
  'subscriptions' | 'tags' | 'unread' | 'itemIds' | 'contents' | 'subscribe' | 'userInfo';

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(
  label: ServerLabel,
  response: ApiResponse,
  what: GReaderAnswer,
): JsonObject {
  const text = response.body.trim();
  // Not by Content-Type: FreshRSS labels several JSON answers text/html.
  if (text.startsWith('<')) {
    throw new AppError('parse', 'main.account.webPageAnswer', { ...label, what });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('parse', 'main.account.unreadableAnswer', { ...label, what, detail });
  }
  if (!isObject(value)) {
    throw new AppError('parse', 'main.account.notAnObject', { ...label, what });
  }
  return value;
}

/** The array under `key`; absent counts as empty, anything else is a parse error. */
export function arrayAt(
  label: ServerLabel,
  value: JsonObject,
  key: string,
  what: GReaderAnswer,
): unknown[] {
  const found = value[key];
  if (found === undefined || found === null) return [];
  if (!Array.isArray(found)) {
    throw new AppError('parse', 'main.account.notAList', { ...label, what, key });
  }
  return found;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringAt(value: JsonObject, key: string): string | undefined {
  const found = value[key];
  if (typeof found === 'string') return found;
  // Some servers print numbers (ids, counts, timestamps) without quotes.
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return undefined;
}

export function numberAt(value: JsonObject, key: string): number | undefined {
  const found = value[key];
  const number = typeof found === 'string' && found.trim() ? Number(found) : found;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}
