/**
 * For property tests of what main stores: finds anything in (sanitized) HTML that could still
 * run script, reading it the way a browser does (parse5, the HTML standard's parser).
 */
import { parseFragment } from 'parse5';

// Every way HTML can run script, once the sanitizer has had its say.
const SCRIPT_ELEMENTS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'frame',
  'frameset',
  'base',
  'meta',
  'link',
  'form',
  'style',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
]);

interface HtmlNode {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

/** What in sanitized HTML could still run script, or undefined when nothing can. */
export function scriptCapable(html: string): string | undefined {
  const pending: HtmlNode[] = [parseFragment(html) as unknown as HtmlNode];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (SCRIPT_ELEMENTS.has(node.nodeName)) return `<${node.nodeName}>`;
    for (const { name, value } of node.attrs ?? []) {
      if (/^on/i.test(name)) return `${name}=`;
      // Browsers drop tabs, newlines and leading control characters and spaces from URLs.
      const url = [...value]
        .filter((char) => char.charCodeAt(0) > 0x20)
        .join('')
        .toLowerCase();
      if (URL_ATTRIBUTES.has(name) && /^(?:javascript|vbscript|data:text\/html)/.test(url)) {
        return `${name}="${value}"`;
      }
      if (name === 'srcset' && /javascript:/i.test(value.replace(/\s/g, '')))
        return `srcset="${value}"`;
      if (name === 'style' && /javascript:|expression\(/i.test(value)) return `style="${value}"`;
    }
    pending.push(...(node.childNodes ?? []));
    if (node.content) pending.push(node.content);
  }
  return undefined;
}
