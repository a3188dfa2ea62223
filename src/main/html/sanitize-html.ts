/**
 * The shared article HTML policy (src/shared/sanitize-policy.ts), applied in the main process
 * before anything is stored.
 *
 * The renderer applies the same policy again with DOMPurify before display. Main does not: a
 * DOMPurify pass on a jsdom window cost milliseconds per feed item, and jsdom's WeakRefs kept
 * hundreds of MB alive over a long sync. sanitize-html streams the markup through htmlparser2
 * instead and is driven by the same policy data and helpers. Where DOMPurify does more than
 * the policy says (trimming values, dropping attributes that could break out of markup), main
 * does the same, so that the renderer's pass over stored HTML removes nothing.
 *
 * Main also takes trackers out here (tracker-markup.ts: tracker images and pixels, tracking
 * parameters, links to trackers), so every HTML it stores is clean, feed items included, and
 * nothing the offline pass later downloads reports to a tracker. That is privacy, not safety:
 * the renderer's pass has no need to repeat it.
 */
import sanitize from 'sanitize-html';
import {
  ALLOWED_ATTR,
  ALLOWED_TAGS,
  ALLOWED_URI_REGEXP,
  FORBID_ATTR,
  FORBID_CONTENTS,
  FORBID_TAGS,
  LINK_REL,
  LINK_TARGET,
  LITERAL_TEXT_TAGS,
  MEDIA_ATTRIBUTES,
  MEDIA_ELEMENTS,
  URL_ATTR,
  embedLink,
  isSafeImageSrc,
  isSafeLinkHref,
  safeSrcset,
} from '../../shared/sanitize-policy';
import { isTrackerElement, withoutTrackingParams } from '../privacy/tracker-markup';
import { isTrackerLink } from '../privacy/trackers';

const KEPT_TAGS = new Set(ALLOWED_TAGS.filter((tag) => !FORBID_TAGS.includes(tag)));
const KEPT_ATTR = new Set(ALLOWED_ATTR.filter((name) => !FORBID_ATTR.includes(name)));
const URL_ATTR_SET = new Set(URL_ATTR);
/** Removed with their content; xmp and plaintext content stays, as text. */
const DROP_WITH_CONTENT = FORBID_CONTENTS.filter((tag) => !LITERAL_TEXT_TAGS.includes(tag));
const VOID_TAGS = ['br', 'col', 'hr', 'img', 'source', 'wbr'].filter((tag) => KEPT_TAGS.has(tag));

// DOMPurify (SAFE_FOR_XML, its default) drops an attribute whose value could end a comment,
// CDATA section or raw-text element if the markup were ever re-parsed in another context, or
// holds a self-closing tag; and compares URLs with whitespace and controls taken out.
const ATTR_VALUE_BREAKOUT =
  /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i;
const SELF_CLOSING_TAG = /\/>/;
// eslint-disable-next-line no-control-regex
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

/** How an element of the input ends up in the output. */
type Fate = 'kept' | 'unwrapped' | 'dropped';

/**
 * What the current run has seen. sanitize-html calls back synchronously while it parses, so one
 * set of state serves every call.
 */
const run = {
  /** The fate of each open element, innermost last. */
  open: [] as Fate[],
  /** An allowed element was lifted out of a removed one (see sanitizeHtml). */
  lifted: false,
  /**
   * Frames are on the allowed list only so that sanitize-html hands their content to us instead
   * of re-parsing it as markup next to our link. Each becomes a link or is removed with its
   * content; frames hold raw text, so no other frame opens between one's transform and its end.
   */
  dropFrame: false,
  /** Nothing has been written yet inside a `<pre>` just opened. */
  preStart: false,
  /** The element just opened is a tracker (onOpenTag runs before the transforms). */
  tracker: false,
};

/**
 * The attributes objects handed back for trackers; sanitize-html gives the same object to
 * exclusiveFilter, which then drops the element with its content.
 */
const trackerAttributes = new WeakSet<sanitize.Attributes>();

/** sanitize-html reads this option (default `['alt']`); its type definitions leave it out. */
interface Options extends sanitize.IOptions {
  allowedEmptyAttributes: string[];
}

const OPTIONS: Options = {
  allowedTags: [...KEPT_TAGS, 'iframe'],
  allowedAttributes: { '*': [...KEPT_ATTR], a: ['target', 'rel'] },
  // Our transform has already checked every URL against the policy; these are a second net.
  allowedSchemes: ['http', 'https', 'mailto', 'blob'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: URL_ATTR,
  allowProtocolRelative: false,
  // Empty values stay, as DOMPurify keeps them (`open=""`, `alt=""`).
  allowedEmptyAttributes: [...KEPT_ATTR],
  nonBooleanAttributes: [],
  disallowedTagsMode: 'discard',
  nonTextTags: DROP_WITH_CONTENT,
  selfClosing: VOID_TAGS,
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  parser: { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  transformTags: {
    iframe: (tagName, attribs): sanitize.Tag => {
      const link = embedLink(attribs.src);
      run.dropFrame = !link;
      // Renaming to a removed tag would leave sanitize-html's rename in place for the next
      // element's end tag; an emptied frame dropped by exclusiveFilter leaves nothing.
      if (!link) return { tagName, attribs: {}, text: '' };
      return { tagName: 'a', attribs: { href: link.href }, text: link.text };
    },
    '*': (tagName, attribs) => {
      const kept = keptAttributes(tagName, attribs);
      if (run.tracker) trackerAttributes.add(kept);
      return { tagName, attribs: kept };
    },
  },
  exclusiveFilter: (frame) =>
    (frame.tag === 'iframe' && run.dropFrame) || trackerAttributes.has(frame.attribs),
  onOpenTag: (tagName, attribs) => {
    const parent = run.open.at(-1);
    // Judged on the values as stored: a tracker behind a no-break space is still one once trimmed.
    run.tracker = isTrackerElement(tagName, (name) => {
      const raw = attribs[name];
      return raw === undefined ? undefined : storedValue(raw);
    });
    const fate = fateOf(tagName, attribs, parent);
    if (fate === 'kept') {
      if (parent === 'unwrapped') run.lifted = true;
      run.preStart = tagName === 'pre';
    }
    run.open.push(fate);
  },
  onCloseTag: () => {
    if (run.open.pop() === 'kept') run.preStart = false;
  },
  // An HTML parser drops the line feed that directly follows `<pre>`, and the DOM serializer does
  // not write one back: any line feed leading a <pre>'s content is lost on the next parse, so it
  // is left out here rather than lost between the renderer's parse and its own serialization.
  textFilter: (text) => {
    if (!run.preStart) return text;
    const rest = text.replace(/^\n+/, '');
    if (rest) run.preStart = false;
    return rest;
  },
};

/** Article HTML as it may be stored: the shared allowlist policy, applied in the main process. */
export function sanitizeHtml(html: string): string {
  if (!html) return '';
  // Without a tag there is nothing to remove; DOMPurify returns such input untouched as well.
  if (!html.includes('<')) return html;
  let clean = sanitizeOnce(html);
  // htmlparser2 closes a <p> when a block opens in it, but not when something it drops stands in
  // between (`<p><font><div>`). Without the wrapper the next parse would close it, so such output
  // goes through once more to be what the renderer's pass, and a second main pass, leave alone.
  if (run.lifted) clean = sanitizeOnce(clean);
  // The frame handling above leans on how sanitize-html tracks elements; should that ever change,
  // a frame must still not get through.
  if (clean.includes('<iframe')) clean = clean.replace(/<\/?iframe\b[^>]*>/g, '');
  return domSerialization(clean);
}

function sanitizeOnce(html: string): string {
  run.open.length = 0;
  run.lifted = false;
  run.dropFrame = false;
  run.preStart = false;
  run.tracker = false;
  // The HTML standard's input preprocessing, which htmlparser2 leaves out.
  return sanitize(html.replace(/\r\n?/g, '\n'), OPTIONS);
}

function fateOf(tagName: string, attribs: sanitize.Attributes, parent: Fate | undefined): Fate {
  if (parent === 'dropped') return 'dropped';
  if (tagName === 'iframe') return embedLink(attribs.src) ? 'kept' : 'dropped';
  // exclusiveFilter removes a kept tracker with its content; any other tag is unwrapped or
  // dropped as usual, and its content is judged on its own.
  if (KEPT_TAGS.has(tagName)) return run.tracker ? 'dropped' : 'kept';
  return DROP_WITH_CONTENT.includes(tagName) ? 'dropped' : 'unwrapped';
}

/**
 * The allowed attributes of an allowed element with their values as DOMPurify and the policy's
 * hooks would leave them; links gain where they open.
 */
function keptAttributes(tagName: string, attribs: sanitize.Attributes): sanitize.Attributes {
  const kept: sanitize.Attributes = {};
  if (!KEPT_TAGS.has(tagName)) return kept;
  for (const [name, raw] of Object.entries(attribs)) {
    if (!KEPT_ATTR.has(name)) continue;
    if (MEDIA_ATTRIBUTES.includes(name) && !MEDIA_ELEMENTS.includes(tagName)) continue;
    const value = keptValue(tagName, name, storedValue(raw));
    if (value !== undefined) kept[name] = value;
  }
  // A link (or a quote's source) to a tracker keeps its words, not its address.
  if (kept.href && isTrackerLink(kept.href)) delete kept.href;
  if (kept.cite && isTrackerLink(kept.cite)) delete kept.cite;
  if (tagName === 'a' && kept.href) {
    kept.target = LINK_TARGET;
    kept.rel = LINK_REL;
  }
  return kept;
}

/**
 * An attribute's value as it is judged and stored: as the HTML parser will read it back (a NUL
 * as U+FFFD) and trimmed, as DOMPurify trims.
 */
function storedValue(raw: string): string {
  return raw.replace(/\0/g, '\uFFFD').trim();
}

function keptValue(tagName: string, name: string, value: string): string | undefined {
  if (ATTR_VALUE_BREAKOUT.test(value) || SELF_CLOSING_TAG.test(value)) return undefined;
  if (!URL_ATTR_SET.has(name)) return value;
  value = withoutTrackingParams(name, value);
  if (value && !ALLOWED_URI_REGEXP.test(value.replace(ATTR_WHITESPACE, ''))) return undefined;
  if (name === 'href') return isSafeLinkHref(value) ? value : undefined;
  if (name === 'src' && (tagName === 'img' || tagName === 'source')) {
    return isSafeImageSrc(value) ? value : undefined;
  }
  if (name === 'srcset') return safeSrcset(value);
  return value;
}

/**
 * sanitize-html writes void elements as `<br />` and no-break spaces as the character; the DOM
 * serializer behind the renderer's DOMPurify writes `<br>` and `&nbsp;`. Stored HTML follows the
 * latter, so the two passes agree byte for byte where they can. Safe to do on the string: text
 * and attribute values have `>` escaped, so ` />` only ends a void tag, and no tag or attribute
 * name on the allowlist holds a no-break space.
 */
function domSerialization(html: string): string {
  return html.replace(/ \/>|\u00a0/g, (match) => (match === ' />' ? '>' : '&nbsp;'));
}
