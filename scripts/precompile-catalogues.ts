/**
 * A Vite plugin for the renderer: each message catalogue (src/shared/catalogues/*.json) is
 * parsed into ICU syntax trees at build time, shipped in compact form
 * (src/shared/compact-messages.ts), and the runtime takes FormatJS's parser-free build. The page
 * then ships no message parser at all (a sizeable share of react-intl), and formats a message
 * without parsing it first.
 */
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';
import { compactMessage } from '../src/shared/compact-messages';

const CATALOGUE = /[\\/]src[\\/]shared[\\/]catalogues[\\/][^\\/]+\.json$/;

export function compileCatalogue(source: string, file: string): Record<string, unknown> {
  const messages = JSON.parse(source) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(messages).map(([id, message]) => {
      try {
        return [id, compactMessage(parse(message))];
      } catch (error) {
        throw new Error(`${file}: message "${id}" is not valid ICU: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }),
  );
}

export function precompiledCatalogues(): Plugin[] {
  return [
    {
      name: 'broadsheet-precompiled-catalogues',
      enforce: 'pre',
      transform(source, id) {
        if (!CATALOGUE.test(id.split('?')[0]!)) return null;
        // Still JSON: Vite's own JSON plugin makes it a module after this.
        return { code: JSON.stringify(compileCatalogue(source, id)), map: null };
      },
    },
  ];
}

/** The renderer's alias that swaps the parser for its parser-free build. */
export const parserFree = {
  find: /^@formatjs\/icu-messageformat-parser$/,
  replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
};
