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
 * URLs may only lead to the web or to mail; never javascript:, data:, file: or custom schemes.
 * blob: passes here for images from the offline store; the hook keeps it off links.
 */
export const ALLOWED_URI_REGEXP = /^(?:https?:|mailto:|blob:|#)/i;
const SAFE_LINK_HREF = /^(?:https?:|mailto:|#)/i;

/** Images may additionally come from our own offline store (blob:) — never data: documents. */
const SAFE_IMAGE_SRC = /^(?:https?:|blob:)/i;

export const SANITIZE_CONFIG: SanitizeConfig = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP,
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
  ALLOW_DATA_ATTR: boolean;
  ALLOW_ARIA_ATTR: boolean;
  ALLOW_UNKNOWN_PROTOCOLS: boolean;
  FORBID_TAGS: string[];
  FORBID_ATTR: string[];
  KEEP_CONTENT: boolean;
  WHOLE_DOCUMENT: boolean;
  RETURN_TRUSTED_TYPE: false;
}

/** The minimal slice of DOMPurify's API the hooks need; both DOMPurify builds satisfy it. */
export interface PurifierLike {
  addHook(
    hook: 'afterSanitizeAttributes',
    cb: (node: {
      nodeName: string;
      getAttribute(n: string): string | null;
      setAttribute(n: string, v: string): void;
      removeAttribute(n: string): void;
    }) => void,
  ): void;
}

/** Links open outside the app without leaking who sent the reader; image URLs stay web-only. */
export function installSanitizeHooks(purifier: PurifierLike): void {
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
  });
}
