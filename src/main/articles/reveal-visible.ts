/**
 * Undoes two ways a saved page hides from Readability what a reader of it sees.
 *
 * Readability drops every element whose inline style says `visibility: hidden`, with all it
 * holds. But visibility is inherited and a descendant may take it back: a page that hides its
 * wrapper until its scripts run, or hides a frame around an article styled `visibility:
 * visible`, shows that article, and Readability found "no article". Such a wrapper keeps only
 * the parts that are shown.
 *
 * Readability also drops elements marked `aria-hidden="true"`, which hides nothing from the eye:
 * it is how a page keeps screen readers on an open dialog, and a page saved while its cookie
 * dialog was open has the whole article under it. Only containers that hold an article
 * (an `<article>` or `<main>`, or paragraphs of real length) lose the attribute; icons and
 * decorative copies keep it.
 */

/** Readability's own threshold for a block of article text. */
const MIN_ARTICLE_CHARS = 500;

export function revealVisibleContent(root: Element): void {
  revealUnderHiddenWrappers(root);
  unhideArticlesFromAria(root);
}

type Visibility = 'visible' | 'hidden' | undefined;

/** The last `visibility` declaration of an inline style, as a browser reads it. */
function inlineVisibility(element: Element): Visibility {
  const style = element.getAttribute('style');
  if (!style || !/visibility/i.test(style)) return undefined;
  let found: Visibility;
  for (const declaration of style.split(';')) {
    const match = /^\s*visibility\s*:\s*(\w+)\s*(?:!\s*important\s*)?$/i.exec(declaration);
    const value = match?.[1]?.toLowerCase();
    if (value === 'visible') found = 'visible';
    else if (value === 'hidden' || value === 'collapse') found = 'hidden';
  }
  return found;
}

function revealUnderHiddenWrappers(root: Element): void {
  const styled = Array.from(root.querySelectorAll('[style*="visibility" i]'));
  const shown = styled.filter((element) => inlineVisibility(element) === 'visible');
  if (!shown.length) return;
  // Every element with a shown element somewhere below it; each walk up stops where another
  // already passed, so the whole marking is linear in the size of the page.
  const holdsShown = new Set<Element>();
  for (const element of shown) {
    for (let up = element.parentElement; up && !holdsShown.has(up); up = up.parentElement) {
      holdsShown.add(up);
      if (up === root) break;
    }
  }
  for (const wrapper of styled) {
    if (!wrapper.isConnected || inlineVisibility(wrapper) !== 'hidden') continue;
    if (holdsShown.has(wrapper)) keepShownParts(wrapper, holdsShown);
  }
}

/**
 * A hidden element (by its own style or inherited) with shown descendants: it stops hiding,
 * and of its content keeps what is shown and the elements leading to it.
 */
function keepShownParts(hidden: Element, holdsShown: Set<Element>): void {
  const pending = [hidden];
  for (let element = pending.pop(); element; element = pending.pop()) {
    dropVisibility(element);
    for (const child of Array.from(element.childNodes)) {
      if (child.nodeType === 3) {
        if (child.nodeValue?.trim()) child.remove();
        continue;
      }
      if (child.nodeType !== 1) continue;
      const childElement = child as Element;
      if (inlineVisibility(childElement) === 'visible') continue;
      if (holdsShown.has(childElement)) pending.push(childElement);
      else childElement.remove();
    }
  }
}

function dropVisibility(element: Element): void {
  const style = (element.getAttribute('style') ?? '')
    .split(';')
    .filter((declaration) => !/^\s*visibility\s*:/i.test(declaration))
    .join(';');
  if (style.trim()) element.setAttribute('style', style);
  else element.removeAttribute('style');
}

function unhideArticlesFromAria(root: Element): void {
  // One walk down the page: each aria-hidden element's nearest aria-hidden ancestor, and what
  // of an article sits under each, counted once, at the nearest.
  const hiddenAbove = new Map<Element, Element | undefined>();
  const paragraphChars = new Map<Element, number>();
  const holdsArticle = new Set<Element>();
  const pending: [Element, Element | undefined][] = [[root, undefined]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [element, above] = next;
    let hidden = above;
    if (element.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') {
      hiddenAbove.set(element, above);
      hidden = element;
    }
    if (hidden) {
      if (element.matches('article, main, [role="main"]')) holdsArticle.add(hidden);
      else if (element.tagName === 'P') {
        const chars = (paragraphChars.get(hidden) ?? 0) + (element.textContent ?? '').trim().length;
        paragraphChars.set(hidden, chars);
        if (chars >= MIN_ARTICLE_CHARS) holdsArticle.add(hidden);
      }
    }
    for (const child of Array.from(element.children)) pending.push([child, hidden]);
  }
  for (const holder of holdsArticle) {
    let element: Element | undefined = holder;
    while (element?.hasAttribute('aria-hidden')) {
      element.removeAttribute('aria-hidden');
      element = hiddenAbove.get(element);
    }
  }
}
