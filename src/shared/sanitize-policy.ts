/**
 * The one HTML policy for article content. Main applies it before storing, with sanitize-html
 * (src/main/html/sanitize-html.ts); the renderer again before display, with DOMPurify. Kept
 * as data, small pure checks and a DOMPurify hook installer, all dependency-free, so both sides
 * read the same rules and cannot drift.
 */
import { srcsetTokens } from './srcset';
import { parseWebUrl } from './web-url';

export const ALLOWED_TAGS = [
  'a',
  'abbr',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'ol',
  'p',
  'picture',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'source',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
];

export const ALLOWED_ATTR = [
  'href',
  'src',
  'srcset',
  'sizes',
  'alt',
  'title',
  'width',
  'height',
  'lang',
  'dir',
  'datetime',
  'cite',
  'colspan',
  'rowspan',
  'headers',
  'scope',
  'start',
  'reversed',
  'type',
  'open',
  'media',
];

/** The allowed attributes whose value is a URL (or, for srcset, a list of them). */
export const URL_ATTR = ['href', 'src', 'srcset', 'cite'];

/**
 * Attributes that never hold a URL. DOMPurify checks every other attribute's value against
 * ALLOWED_URI_REGEXP, which would otherwise strip `width="640"` or `lang="ko"` for not being a
 * web address.
 */
export const NON_URL_ATTR = ALLOWED_ATTR.filter((name) => !URL_ATTR.includes(name));

/**
 * URLs may only lead to the web or to mail; never javascript:, data:, file: or custom schemes.
 * blob: passes here for images from the offline store; the hook keeps it off links.
 */
export const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|blob:|#)/i;
const SAFE_LINK_HREF = /^(?:https?:|mailto:|#)/i;

/** Images may additionally come from our own offline store (blob:) — never data: documents. */
const SAFE_IMAGE_SRC = /^(?:https?:|blob:)/i;
const WEB_URL = /^https?:\/\//i;

export const FORBID_TAGS = [
  'style',
  'script',
  'iframe',
  'object',
  'embed',
  'form',
  'base',
  'meta',
  'link',
  'svg',
  'math',
];

export const FORBID_ATTR = ['style', 'class', 'id', 'srcdoc', 'formaction', 'ping'];

/**
 * Removed elements keep their content (KEEP_CONTENT) except these, whose content is code, styles,
 * foreign markup, media fallback or document metadata rather than article text. This is
 * DOMPurify's own default list, pinned here so that main, which does not use DOMPurify, drops
 * exactly what the renderer drops.
 */
export const FORBID_CONTENTS = [
  'annotation-xml',
  'audio',
  'colgroup',
  'desc',
  'foreignobject',
  'head',
  'iframe',
  'math',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
  'script',
  'selectedcontent',
  'style',
  'svg',
  'template',
  'thead',
  'title',
  'video',
  'xmp',
];

/**
 * Browsers show the content of `<xmp>` and `<plaintext>` as literal text, and an unclosed
 * `<plaintext>` holds the whole rest of the article: the elements go, their text stays, as text.
 */
export const LITERAL_TEXT_TAGS = ['xmp', 'plaintext'];

/** Every remaining link opens outside the app and does not tell the site who sent the reader. */
export const LINK_TARGET = '_blank';
export const LINK_REL = 'noopener noreferrer';

/**
 * Only images fetch what src and srcset name; on any other element they are junk that could
 * still carry a tracker's address into the stored or shown HTML. Both passes drop them there.
 */
export const MEDIA_ATTRIBUTES: readonly string[] = ['src', 'srcset', 'sizes'];
export const MEDIA_ELEMENTS: readonly string[] = ['img', 'source'];

export const SANITIZE_CONFIG: SanitizeConfig = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP,
  ADD_URI_SAFE_ATTR: NON_URL_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  FORBID_TAGS,
  FORBID_ATTR,
  FORBID_CONTENTS,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_TRUSTED_TYPE: false,
};

export interface SanitizeConfig {
  ALLOWED_TAGS: string[];
  ALLOWED_ATTR: string[];
  ALLOWED_URI_REGEXP: RegExp;
  ADD_URI_SAFE_ATTR: string[];
  ALLOW_DATA_ATTR: boolean;
  ALLOW_ARIA_ATTR: boolean;
  ALLOW_UNKNOWN_PROTOCOLS: boolean;
  FORBID_TAGS: string[];
  FORBID_ATTR: string[];
  FORBID_CONTENTS: string[];
  KEEP_CONTENT: boolean;
  WHOLE_DOCUMENT: boolean;
  RETURN_TRUSTED_TYPE: false;
}

/** An `href` that may stay (on any element): web, mail or in-page, never script or data. */
export function isSafeLinkHref(href: string): boolean {
  return SAFE_LINK_HREF.test(href.trim());
}

/** An `<img>` or `<source>` `src` that may stay: web or the offline store, never data:. */
export function isSafeImageSrc(src: string): boolean {
  return SAFE_IMAGE_SRC.test(src.trim());
}

/**
 * The srcset with only the candidates a browser would use and we allow: an image URL (as for
 * src) with valid descriptors. Undefined when no candidate is left, so the attribute goes.
 */
export function safeSrcset(srcset: string): string | undefined {
  const kept = srcsetTokens(srcset).filter(
    (c) => SAFE_IMAGE_SRC.test(c.url) && validDescriptors(c.descriptors),
  );
  if (!kept.length) return undefined;
  return kept.map((c) => [c.url, ...c.descriptors].join(' ')).join(', ');
}

/**
 * A video or map embed is often the point of the paragraph around it. The frame itself never
 * survives (no frames in the reader), so a web frame becomes a link to what it embedded; any
 * other frame (script, data, srcdoc, relative) leaves nothing.
 */
export function embedLink(src: string | null | undefined): { href: string; text: string } | null {
  const href = src?.trim() ?? '';
  if (!WEB_URL.test(href)) return null;
  const host = parseWebUrl(href)?.hostname;
  return host ? { href, text: `Embedded content: ${host}` } : null;
}

/** What the hooks touch of a DOM element; both DOMPurify builds hand them real ones. */
export interface ElementLike {
  nodeName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

/** What the element hook needs of any node (DOMPurify also visits text and comments). */
export interface NodeLike {
  nodeName: string;
}

interface InsertableElement extends ElementLike {
  textContent: string | null;
  nextSibling: unknown;
  parentNode: { insertBefore(node: unknown, before: unknown): unknown } | null;
  ownerDocument: {
    createElement(name: string): InsertableElement;
    createTextNode(text: string): unknown;
  } | null;
}

/** The minimal slice of DOMPurify's API the hooks need; both DOMPurify builds satisfy it. */
export interface PurifierLike {
  addHook(hook: 'afterSanitizeAttributes', cb: (node: ElementLike) => void): void;
  addHook(
    hook: 'uponSanitizeElement',
    cb: (node: NodeLike, data: { tagName: string }) => void,
  ): void;
}

/**
 * Links open outside the app without leaking who sent the reader; image URLs stay web-only;
 * embedded frames become plain links to what they embedded. Main applies the same helpers
 * without DOMPurify (src/main/html/sanitize-html.ts).
 */
export function installSanitizeHooks(purifier: PurifierLike): void {
  purifier.addHook('uponSanitizeElement', (node, data) => {
    if (!isInsertable(node)) return;
    if (data.tagName === 'iframe') insertEmbedLink(node);
    else if (LITERAL_TEXT_TAGS.includes(data.tagName)) insertLiteralText(node);
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    const name = node.nodeName.toUpperCase();
    if (!MEDIA_ELEMENTS.includes(name.toLowerCase())) {
      for (const media of MEDIA_ATTRIBUTES) node.removeAttribute(media);
    }
    const href = node.getAttribute('href');
    if (href !== null && !isSafeLinkHref(href)) node.removeAttribute('href');
    else if (name === 'A' && href) {
      node.setAttribute('target', LINK_TARGET);
      node.setAttribute('rel', LINK_REL);
    }
    if (name === 'IMG' || name === 'SOURCE') {
      const src = node.getAttribute('src');
      if (src !== null && !isSafeImageSrc(src)) node.removeAttribute('src');
    }
    const srcset = node.getAttribute('srcset');
    if (srcset !== null) {
      // DOMPurify only checks that the value starts well; every candidate must be an image URL.
      const kept = safeSrcset(srcset);
      if (kept !== undefined) node.setAttribute('srcset', kept);
      else node.removeAttribute('srcset');
    }
  });
}

function isInsertable(node: NodeLike): node is InsertableElement {
  return 'getAttribute' in node && 'ownerDocument' in node && 'parentNode' in node;
}

/** DOMPurify visits the new link after the frame, so it passes the same checks as any link. */
function insertEmbedLink(frame: InsertableElement): void {
  const embed = embedLink(frame.getAttribute('src'));
  const parent = frame.parentNode;
  const link = embed ? frame.ownerDocument?.createElement('a') : undefined;
  if (!embed || !parent || !link) return;
  link.setAttribute('href', embed.href);
  link.textContent = embed.text;
  parent.insertBefore(link, frame.nextSibling);
}

/** DOMPurify drops both elements with their content; keep that text where the element was. */
function insertLiteralText(element: InsertableElement): void {
  const text = element.textContent;
  const node = text ? element.ownerDocument?.createTextNode(text) : undefined;
  if (node) element.parentNode?.insertBefore(node, element.nextSibling);
}

const NON_NEGATIVE_INTEGER = /^\d+$/;
const FLOATING_POINT = /^-?(?:\d+|\d*\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The standard's descriptor rules: at most one width (`300w`) or one density (`2x`), a height
 * (`200h`) only with a width. Browsers skip a candidate that breaks them, so it is dropped here
 * rather than stored.
 */
function validDescriptors(descriptors: string[]): boolean {
  let width = false;
  let density = false;
  let height = false;
  for (const descriptor of descriptors) {
    const value = descriptor.slice(0, -1);
    const unit = descriptor.slice(-1);
    if (unit === 'w' && NON_NEGATIVE_INTEGER.test(value)) {
      if (width || density || Number(value) === 0) return false;
      width = true;
    } else if (unit === 'x' && FLOATING_POINT.test(value)) {
      if (width || density || height || Number(value) < 0) return false;
      density = true;
    } else if (unit === 'h' && NON_NEGATIVE_INTEGER.test(value)) {
      if (height || density || Number(value) === 0) return false;
      height = true;
    } else return false;
  }
  return !height || width;
}
