import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createIntl } from '@formatjs/intl';
import { expect, type Page } from '@playwright/test';
import english from '../../../src/shared/catalogues/en.json';
import { pseudoCatalogue } from '../../../src/renderer/i18n/pseudo-locale';

type Id = keyof typeof english;

const catalogues = new Map<string, Record<string, string>>();
function catalogue(locale: string): Record<string, string> {
  let found = catalogues.get(locale);
  if (!found) {
    const file = path.join(__dirname, '../../../src/shared/catalogues', `${locale}.json`);
    found = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    catalogues.set(locale, found);
  }
  return found;
}

const pseudoIntl = createIntl<string>({ locale: 'en-XA', messages: pseudoCatalogue(english) });

/** What the pseudo-locale says for a message id: how a test names a control in it. */
export const pseudo = (id: Id, values?: Record<string, string | number>): string =>
  pseudoIntl.formatMessage({ id }, values);

/** What a language's catalogue says for a message id. */
export function say(locale: string, id: Id, values?: Record<string, string | number>): string {
  if (locale === 'en-XA') return pseudo(id, values);
  return createIntl<string>({ locale, messages: catalogue(locale) }).formatMessage({ id }, values);
}

/** Opens the app in a language chosen before its first paint. */
export async function chooseLanguageBeforeLoad(page: Page, locale: string): Promise<void> {
  await page.addInitScript((chosen) => {
    localStorage.setItem('broadsheet.language', chosen);
  }, locale);
}

/** The starter article's words: English content on purpose, never interface text. */
const STARTER = readFileSync(
  path.join(__dirname, '../../../resources/starter/seed-article.txt'),
  'utf8',
).replace(/\s+/g, ' ');

/**
 * Every visible text and accessible name on the page that is interface text must be in the
 * pseudo-locale: accented and inside brackets. Plain ASCII words are allowed only inside a
 * bracketed message (values: numbers, dates, a URL), as the words Intl writes for `en-XA`
 * (English month names, "3 hours ago"), in URLs, the product's name, and in the starter
 * article's own words.
 * Returns what escaped translation.
 */
export async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate((starter) => {
    const INTL = new Set(
      'ago now in at am pm yesterday today tomorrow last next this second seconds minute minutes min hour hours hr day days week weeks wk month months mo year years yr jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday byte bytes kb mb gb kib mib gib and or x broadsheet'.split(
        ' ',
      ),
    );
    const BLOCK =
      'p,li,button,label,h1,h2,h3,h4,h5,h6,td,th,dt,dd,option,legend,figcaption,summary,a,[role=status],[role=alert],span,div';
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    };
    /** Which characters of a text sit inside [ … ] (pseudo messages, nested ones too). */
    const bracketed = (text: string) => {
      const inside: boolean[] = [];
      let depth = 0;
      for (const char of text) {
        if (char === '[') depth++;
        inside.push(depth > 0);
        if (char === ']' && depth > 0) depth--;
      }
      return inside;
    };
    const escaped = (text: string, context: string): string | undefined => {
      const clean = text.replace(/\s+/g, ' ').trim();
      // An excerpt of the starter article ends where the row cuts it.
      if (!clean || starter.includes(clean.replace(/…$/, ''))) return undefined;
      const offset = Math.max(0, context.indexOf(clean));
      const inside = bracketed(context);
      const withoutUrls = clean.replace(/\b(?:https?|feed|file):\/\/\S+/g, (url) =>
        ' '.repeat(url.length),
      );
      for (const match of withoutUrls.matchAll(/[A-Za-z]{2,}/g)) {
        if (INTL.has(match[0].toLowerCase())) continue;
        if (inside[offset + (match.index ?? 0)]) continue;
        return clean;
      }
      return undefined;
    };
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent) || parent.closest('script,style,[aria-hidden="true"]'))
        continue;
      const context =
        (parent.closest(BLOCK) ?? parent).textContent?.replace(/\s+/g, ' ').trim() ?? '';
      const bad = escaped(node.textContent ?? '', context);
      if (bad) found.add(bad);
    }
    for (const element of document.querySelectorAll(
      '[aria-label],[title],[placeholder],img[alt]',
    )) {
      if (!visible(element) && element.tagName !== 'DIALOG') continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name);
        if (!value) continue;
        const bad = escaped(value, value);
        if (bad) found.add(`${name}="${bad}"`);
      }
    }
    const title = escaped(document.title, document.title);
    if (title) found.add(`<title>${title}`);
    return [...found];
  }, STARTER);
}

/**
 * Interface text a longer language would lose: a control, label or heading whose text is cut
 * (clipped or ellipsized), and a page wider than its window. Article and feed text cut to fit a
 * row is the reader's content, not ours, and is allowed.
 */
export async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const CONTENT =
      '.article-row-title,.article-row-excerpt,.article-row-meta,.source-title,.feed-choice-url,.story-copy-title,.reader-content';
    for (const element of document.querySelectorAll(
      'button,label,h1,h2,h3,h4,legend,th,summary,[role=tab],[role=menuitem],.badge,.settings-hint,.dialog-subtitle',
    )) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || element.closest(CONTENT) || element.querySelector(CONTENT)) continue;
      const style = getComputedStyle(element);
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (clips && element.scrollWidth > element.clientWidth + 1)
        found.push(`${element.tagName.toLowerCase()}: ${element.textContent?.trim().slice(0, 60)}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      found.push(
        `the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`,
      );
    return found;
  });
}

/** Asserts the screen is wholly translated and nothing of ours is cut off. */
export async function expectWhollyLocalized(page: Page, screen: string): Promise<void> {
  expect(await untranslated(page), `untranslated on ${screen}`).toEqual([]);
  expect(await cutOff(page), `cut off on ${screen}`).toEqual([]);
}
