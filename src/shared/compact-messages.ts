/**
 * ICU message syntax trees in a compact form for shipping: the build parses each catalogue and
 * writes its trees this way (scripts/precompile-catalogues.ts); the renderer expands them back
 * as a catalogue loads. FormatJS's own trees repeat `type`, `value` and `options` on every node;
 * this form spells a literal as its text and every other node as a short array, so the English
 * catalogue the first paint carries is about two thirds the bytes.
 *
 * A message is an array of nodes. A catalogue that was not compiled (unit tests) keeps its
 * messages as ICU strings, which FormatJS parses itself: `expandMessages` leaves those alone.
 */
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const {
  literal: LITERAL,
  argument: ARGUMENT,
  number: NUMBER,
  date: DATE,
  time: TIME,
  select: SELECT,
  plural: PLURAL,
  pound: POUND,
  tag: TAG,
} = TYPE;

type Options = Record<string, CompactNode[]>;
export type CompactNode =
  | string
  | typeof POUND
  | [typeof ARGUMENT, string]
  | [typeof NUMBER | typeof DATE | typeof TIME, string, unknown?]
  | [typeof SELECT, string, Options]
  | [typeof PLURAL, string, Options, number, 0 | 1]
  | [typeof TAG, string, CompactNode[]];

const mapOptions = <From, To>(
  options: Record<string, From>,
  each: (option: From) => To,
): Record<string, To> =>
  Object.fromEntries(Object.entries(options).map(([key, option]) => [key, each(option)]));

/** FormatJS trees (parsed without locations) to the compact form. */
export function compactMessage(tree: MessageFormatElement[]): CompactNode[] {
  return tree.map((node): CompactNode => {
    switch (node.type) {
      case LITERAL:
        return node.value;
      case ARGUMENT:
        return [ARGUMENT, node.value];
      case NUMBER:
      case DATE:
      case TIME:
        return node.style === null || node.style === undefined
          ? [node.type, node.value]
          : [node.type, node.value, node.style];
      case SELECT:
        return [SELECT, node.value, mapOptions(node.options, (o) => compactMessage(o.value))];
      case PLURAL:
        return [
          PLURAL,
          node.value,
          mapOptions(node.options, (o) => compactMessage(o.value)),
          node.offset,
          node.pluralType === 'ordinal' ? 1 : 0,
        ];
      case POUND:
        return POUND;
      case TAG:
        return [TAG, node.value, compactMessage(node.children)];
    }
  });
}

/** The compact form back to FormatJS trees, as the parser would have made them. */
export function expandMessage(compact: readonly CompactNode[]): MessageFormatElement[] {
  return compact.map((node): MessageFormatElement => {
    if (typeof node === 'string') return { type: LITERAL, value: node };
    if (node === POUND) return { type: POUND };
    switch (node[0]) {
      case ARGUMENT:
        return { type: ARGUMENT, value: node[1] };
      case NUMBER:
      case DATE:
      case TIME:
        return { type: node[0], value: node[1], style: (node[2] ?? null) as null };
      case SELECT:
        return {
          type: SELECT,
          value: node[1],
          options: mapOptions(node[2], (o) => ({ value: expandMessage(o) })),
        };
      case PLURAL:
        return {
          type: PLURAL,
          value: node[1],
          options: mapOptions(node[2], (o) => ({ value: expandMessage(o) })),
          offset: node[3],
          pluralType: node[4] === 1 ? 'ordinal' : 'cardinal',
        };
      case TAG:
        return { type: TAG, value: node[1], children: expandMessage(node[2]) };
    }
  });
}

/**
 * A catalogue as imported: compiled messages (arrays) expanded to trees, ICU strings (a
 * catalogue the build did not compile) left for FormatJS to parse. Typed as imported:
 * TypeScript sees the JSON source's strings, as FormatJS takes either.
 */
export function expandMessages<Messages extends object>(catalogue: Messages): Messages {
  const out: Record<string, unknown> = {};
  for (const [id, message] of Object.entries(catalogue)) {
    out[id] = Array.isArray(message) ? expandMessage(message as CompactNode[]) : message;
  }
  return out as Messages;
}
