/**
 * The pseudo-locale's catalogue, made from English: every letter accented, each message about
 * 40 % longer and in brackets. Placeholders, plurals, selects and tags are kept as they are, so
 * the messages format exactly as the English ones do. Loaded only when that locale is chosen.
 */
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const ACCENTED: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ó',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ú',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ó',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Ú',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** The padding that makes a message longer, in words a reader can still see through. */
const FILLER = ' ·ʟᴏɴɢᴇʀ·ᴛᴇxᴛ';

export const accent = (text: string): string =>
  text.replace(/[A-Za-z]/g, (letter) => ACCENTED[letter] ?? letter);

/** Characters of visible text in a message (its literals, and one per placeholder). */
function visibleLength(elements: readonly MessageFormatElement[]): number {
  let length = 0;
  for (const element of elements) {
    if (element.type === TYPE.literal) length += element.value.length;
    else if (element.type === TYPE.tag) length += visibleLength(element.children);
    else if (element.type === TYPE.plural || element.type === TYPE.select) {
      const other = element.options.other?.value ?? Object.values(element.options)[0]?.value;
      length += other ? visibleLength(other) : 0;
    } else length += 4;
  }
  return length;
}

function accentAll(elements: readonly MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element): MessageFormatElement => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: accent(element.value) };
      case TYPE.tag:
        return { ...element, children: accentAll(element.children) };
      case TYPE.plural:
      case TYPE.select:
        return {
          ...element,
          options: Object.fromEntries(
            Object.entries(element.options).map(([key, option]) => [
              key,
              { ...option, value: accentAll(option.value) },
            ]),
          ),
        } as MessageFormatElement;
      default:
        return element;
    }
  });
}

/**
 * One English message as the pseudo-locale says it. The built app's catalogues arrive already
 * parsed (scripts/precompile-catalogues.ts); tests hand over the JSON's strings.
 */
export function pseudoMessage(english: string | MessageFormatElement[]): MessageFormatElement[] {
  const elements = typeof english === 'string' ? parse(english) : english;
  const extra = Math.ceil(visibleLength(elements) * 0.4);
  return [
    { type: TYPE.literal, value: '[' },
    ...accentAll(elements),
    {
      type: TYPE.literal,
      value: `${FILLER.repeat(Math.ceil(extra / FILLER.length)).slice(0, extra)}]`,
    },
  ];
}

export function pseudoCatalogue(
  english: Readonly<Record<string, string | MessageFormatElement[]>>,
): Record<string, MessageFormatElement[]> {
  return Object.fromEntries(
    Object.entries(english).map(([id, message]) => [id, pseudoMessage(message)]),
  );
}
