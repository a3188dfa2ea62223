/**
 * The one HTML policy for article content. Main applies it before storing, the renderer again
 * before display, each with its own DOMPurify instance (server-side DOM vs. the page's).
 * Kept as data plus a hook installer so both sides cannot drift.
 */

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

/**
 * Attributes that never hold a URL. DOMPurify checks every other attribute's value against
 * ALLOWED_URI_REGEXP, which would otherwise strip `width="640"` or `lang="ko"` for not being a
 * web address.
 */
const NON_URL_ATTR = ALLOWED_ATTR.filter(
  (name) => !['href', 'src', 'srcset', 'cite'].includes(name),
);

/**
 * URLs may only lead to the web or to mail; never javascript:, data:, file: or custom schemes.
 * blob: passes here for images from the offline store; the hook keeps it off links.
 */
export const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|blob:|#)/i;
const SAFE_LINK_HREF = /^(?:https?:|mailto:|#)/i;

/** Images may additionally come from our own offline store (blob:) — never data: documents. */
const SAFE_IMAGE_SRC = /^(?:https?:|blob:)/i;
const WEB_URL = /^https?:\/\//i;

export const SANITIZE_CONFIG: SanitizeConfig = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP,
  ADD_URI_SAFE_ATTR: NON_URL_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  FORBID_TAGS: [
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
  ],
  FORBID_ATTR: ['style', 'class', 'id', 'srcdoc', 'formaction', 'ping'],
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
  KEEP_CONTENT: boolean;
  WHOLE_DOCUMENT: boolean;
  RETURN_TRUSTED_TYPE: false;
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
 * embedded frames become plain links to what they embedded.
 */
export function installSanitizeHooks(purifier: PurifierLike): void {
  purifier.addHook('uponSanitizeElement', (node, data) => {
    if (!isInsertable(node)) return;
    if (data.tagName === 'iframe') insertEmbedLink(node);
    else if (data.tagName === 'plaintext' || data.tagName === 'xmp') insertLiteralText(node);
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    const name = node.nodeName.toUpperCase();
    const href = node.getAttribute('href');
    if (href !== null && !SAFE_LINK_HREF.test(href.trim())) node.removeAttribute('href');
    else if (name === 'A' && href) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (name === 'IMG' || name === 'SOURCE') {
      const src = node.getAttribute('src');
      if (src !== null && !SAFE_IMAGE_SRC.test(src.trim())) node.removeAttribute('src');
    }
    const srcset = node.getAttribute('srcset');
    if (srcset !== null) {
      // DOMPurify only checks that the value starts well; every candidate must be an image URL.
      const kept = srcsetCandidates(srcset).filter((c) => SAFE_IMAGE_SRC.test(c.url));
      if (kept.length) node.setAttribute('srcset', kept.map((c) => c.text).join(', '));
      else node.removeAttribute('srcset');
    }
  });
}

function isInsertable(node: NodeLike): node is InsertableElement {
  return 'getAttribute' in node && 'ownerDocument' in node && 'parentNode' in node;
}

/**
 * A video or map embed is often the point of the paragraph around it. The frame itself never
 * survives (no frames in the reader), so leave a link in its place; DOMPurify visits the new
 * link after the frame, so it passes through the same checks as any other link.
 */
function insertEmbedLink(frame: InsertableElement): void {
  const src = frame.getAttribute('src')?.trim() ?? '';
  if (!WEB_URL.test(src)) return;
  let host: string;
  try {
    host = new URL(src).hostname;
  } catch {
    return;
  }
  const parent = frame.parentNode;
  const link = frame.ownerDocument?.createElement('a');
  if (!parent || !link || !host) return;
  link.setAttribute('href', src);
  link.textContent = `Embedded content: ${host}`;
  parent.insertBefore(link, frame.nextSibling);
}

/**
 * Browsers show the content of `<xmp>` and `<plaintext>` as literal text. DOMPurify drops both
 * with their content, and an unclosed `<plaintext>` holds the whole rest of the article, so keep
 * that text, as a text node, where the element was.
 */
function insertLiteralText(element: InsertableElement): void {
  const text = element.textContent;
  const node = text ? element.ownerDocument?.createTextNode(text) : undefined;
  if (node) element.parentNode?.insertBefore(node, element.nextSibling);
}

/** Splits a srcset the way browsers do: URLs may contain commas, candidates end at ", ". */
function srcsetCandidates(srcset: string): { url: string; text: string }[] {
  const candidates: { url: string; text: string }[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset.charAt(i))) i += 1;
    const start = i;
    while (i < srcset.length && !/\s/.test(srcset.charAt(i))) i += 1;
    let url = srcset.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      const rest = srcset.slice(i);
      const end = rest.indexOf(',');
      descriptor = (end < 0 ? rest : rest.slice(0, end)).trim();
      i += end < 0 ? rest.length : end + 1;
    }
    if (url) candidates.push({ url, text: descriptor ? `${url} ${descriptor}` : url });
  }
  return candidates;
}
