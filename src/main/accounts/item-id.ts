/**
 * Google Reader item ids come in three spellings of one signed 64-bit number:
 * - long form `tag:google.com,2005:reader/item/<16 hex digits>` (stream contents, edit-tag);
 * - decimal (`itemRefs` of stream/items/ids), which some servers print as a signed number;
 * - short hex, the 16 digits alone.
 * Everything that crosses the contract is the long form, so the renderer compares one spelling
 * whichever the server used. Conversions go through bigint: the numbers exceed 2^53.
 */
import { AppError } from '../../shared/result';

export const LONG_ITEM_ID_PREFIX = 'tag:google.com,2005:reader/item/';

const MAX_UNSIGNED = (1n << 64n) - 1n;
const MIN_SIGNED = -(1n << 63n);
const DECIMAL = /^-?\d{1,20}$/;
const HEX = /^[0-9a-f]{1,16}$/i;

/** The item's number from its long form; AppError('parse') when it is anything else. */
export function parseLongItemId(value: string): bigint {
  if (!value.startsWith(LONG_ITEM_ID_PREFIX)) throw badId(value, 'long');
  const hex = value.slice(LONG_ITEM_ID_PREFIX.length);
  if (!HEX.test(hex)) throw badId(value, 'long');
  return BigInt(`0x${hex}`);
}

/** The item's number from the decimal an `itemRefs` entry carries (signed or unsigned). */
export function parseDecimalItemId(value: string): bigint {
  if (!DECIMAL.test(value)) throw badId(value, 'decimal');
  const number = BigInt(value);
  if (number > MAX_UNSIGNED || number < MIN_SIGNED) throw badId(value, 'decimal');
  // A negative decimal is the two's complement reading of the same 64 bits.
  return number < 0n ? number + (1n << 64n) : number;
}

export function toLongItemId(id: bigint): string {
  return `${LONG_ITEM_ID_PREFIX}${toShortItemId(id)}`;
}

export function toShortItemId(id: bigint): string {
  return checkRange(id).toString(16).padStart(16, '0');
}

/** The long form of an id in any spelling a server uses in an item: long, or decimal. */
export function normalizeItemId(value: string): string {
  if (value.startsWith(LONG_ITEM_ID_PREFIX)) return toLongItemId(parseLongItemId(value));
  return toLongItemId(parseDecimalItemId(value));
}

function checkRange(id: bigint): bigint {
  if (id < 0n || id > MAX_UNSIGNED) {
    throw new AppError('parse', 'main.account.notItemNumber', { id: String(id) });
  }
  return id;
}

/** The expected form, as `form` selects in the message: `long` (with `prefix`) or `decimal`. */
function badId(value: string, form: 'long' | 'decimal'): AppError {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return new AppError('parse', 'main.account.notItemId', {
    id: shown,
    form,
    prefix: LONG_ITEM_ID_PREFIX,
  });
}
