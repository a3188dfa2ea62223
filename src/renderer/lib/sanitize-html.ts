import DOMPurify from 'dompurify';
import { SANITIZE_CONFIG, installSanitizeHooks } from '@shared/sanitize-policy';

installSanitizeHooks(DOMPurify);

/** Created on first use: the module also loads where no page has been built yet. */
let displayDocument: Document | undefined;

/**
 * Stored HTML was sanitized in main; this second pass is the last line before the DOM.
 *
 * The reader inserts the result into a standards-mode page, so it is parsed as that page parses
 * it: DOMPurify left to itself parses in quirks mode (no doctype), where `<p><table>` nests and
 * the page would not. And when DOMPurify removes an element but keeps its content it can leave a
 * tree no parser builds (a `<p>` inside a `<p>` once a `<marquee>` between them goes), which the
 * page would read back as another tree; so its result is read back once more the same way. What
 * is returned is exactly what the reader shows, and sanitizing it again changes nothing. The
 * read-back is safe: DOMPurify's output holds only allowed elements and attributes, with text
 * and values escaped, and a parse can only rearrange those.
 */
export function sanitizeForDisplay(html: string): string {
  // Without a tag there is nothing to parse; DOMPurify returns such input untouched.
  if (!html.includes('<')) return DOMPurify.sanitize(html, SANITIZE_CONFIG);
  const body = inertBody();
  body.innerHTML = html;
  // Handed over as a fragment: DOMPurify copies its nodes into a body of its own.
  const parsed = body.ownerDocument.createDocumentFragment();
  parsed.append(...Array.from(body.childNodes));
  body.innerHTML = DOMPurify.sanitize(parsed, SANITIZE_CONFIG);
  const shown = body.innerHTML;
  body.textContent = '';
  return shown;
}

/** The body of an inert standards-mode document: nothing parsed into it loads or runs. */
function inertBody(): HTMLElement {
  displayDocument ??= document.implementation.createHTMLDocument('');
  return displayDocument.body;
}
