/**
 * The article facts a page states in schema.org JSON-LD. Publishers write it in every shape the
 * vocabulary allows (a single node, an array, an @graph with @id references; strings, objects
 * or arrays for the same property) and sometimes invalid JSON; all of that is read leniently
 * and nothing here throws.
 */

export interface JsonLdArticle {
  headline?: string;
  /** Often the headline again; on some sites the site's name or a description. */
  name?: string;
  /** The article node's `@type`s. */
  types: string[];
  /** People first; organizations only when the page names no person. */
  authors: { name: string; person: boolean }[];
  datePublished?: string;
  publisher?: string;
  section?: string;
  image?: string;
  description?: string;
  inLanguage?: string;
  url?: string;
  /** From a BreadcrumbList, in order. */
  breadcrumb: string[];
}

type JsonNode = Record<string, unknown>;

const ARTICLE_TYPE = /(?:Article|BlogPosting|SocialMediaPosting|Report|LiveBlogPosting)$/;

export function readJsonLd(sources: string[]): JsonLdArticle | undefined {
  const nodes: JsonNode[] = [];
  for (const source of sources) collectNodes(parseLenient(source), nodes);
  if (!nodes.length) return undefined;
  const byId = new Map<string, JsonNode>();
  for (const node of nodes) {
    const id = node['@id'];
    if (typeof id === 'string') byId.set(id, node);
  }
  const resolve = (value: unknown): unknown => {
    if (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
      return byId.get(value['@id']) ?? value;
    }
    return value;
  };
  const article = nodes.find((node) => types(node).some((type) => ARTICLE_TYPE.test(type)));
  const crumbs = nodes.find((node) => types(node).includes('BreadcrumbList'));
  const breadcrumb = crumbs ? readBreadcrumb(crumbs, resolve) : [];
  if (!article) return breadcrumb.length ? { authors: [], types: [], breadcrumb } : undefined;

  const result: JsonLdArticle = {
    authors: readAuthors(article.author, resolve),
    types: types(article),
    breadcrumb,
  };
  const set = <K extends keyof JsonLdArticle>(key: K, value: JsonLdArticle[K] | undefined) => {
    if (value !== undefined) result[key] = value;
  };
  set('headline', text(article.headline));
  set('name', text(article.name));
  set('datePublished', text(article.datePublished) ?? text(article.dateCreated));
  set('publisher', name(resolve(first(article.publisher))));
  set('section', text(first(article.articleSection)));
  set('image', imageUrl(resolve(first(article.image)), resolve));
  set('description', text(article.description));
  set('inLanguage', text(article.inLanguage) ?? name(resolve(article.inLanguage)));
  set('url', text(article.url) ?? idOf(resolve(article.mainEntityOfPage)));
  return result;
}

function parseLenient(source: string): unknown {
  const cleaned = source
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>$/g, '')
    .trim();
  try {
    return JSON.parse(cleaned);
  } catch {
    // Raw line breaks inside strings are the commonest way publishers break their JSON.
    try {
      return JSON.parse(cleaned.replace(/[\r\n\t]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

function collectNodes(value: unknown, into: JsonNode[], depth = 0): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into, depth + 1);
    return;
  }
  if (!isNode(value)) return;
  into.push(value);
  if (Array.isArray(value['@graph'])) collectNodes(value['@graph'], into, depth + 1);
  // A WebPage often carries the article as its mainEntity.
  if (isNode(value.mainEntity)) collectNodes(value.mainEntity, into, depth + 1);
}

function readAuthors(value: unknown, resolve: (value: unknown) => unknown) {
  const authors: { name: string; person: boolean }[] = [];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  for (const entry of list) {
    const node = resolve(entry);
    if (typeof node === 'string') {
      const trimmed = node.trim();
      if (trimmed && !/^https?:\/\//i.test(trimmed)) authors.push({ name: trimmed, person: true });
      continue;
    }
    const found = name(node);
    if (!found || !isNode(node)) continue;
    const kind = types(node);
    authors.push({ name: found, person: !kind.some((type) => /Organization$/.test(type)) });
  }
  const seen = new Set<string>();
  return authors.filter((author) => {
    const key = author.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readBreadcrumb(list: JsonNode, resolve: (value: unknown) => unknown): string[] {
  const items = Array.isArray(list.itemListElement) ? list.itemListElement : [];
  return items
    .filter(isNode)
    .map((item) => ({
      position: Number(item.position) || 0,
      name: text(item.name) ?? name(resolve(item.item)),
    }))
    .sort((a, b) => a.position - b.position)
    .map((item) => item.name)
    .filter((value): value is string => Boolean(value));
}

function imageUrl(value: unknown, resolve: (value: unknown) => unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (!isNode(value)) return undefined;
  return (
    text(value.url) ?? text(value.contentUrl) ?? imageUrl(resolve(first(value.image)), resolve)
  );
}

function types(node: JsonNode): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((item): item is string => typeof item === 'string');
}

function name(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  return isNode(value) ? text(value.name) : undefined;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  return isNode(value) ? (text(value['@id']) ?? text(value.url)) : undefined;
}

function text(value: unknown): string | undefined {
  const item = first(value);
  if (typeof item === 'string') return item.replace(/\s+/g, ' ').trim() || undefined;
  if (typeof item === 'number') return String(item);
  if (isNode(item) && typeof item['@value'] === 'string') return text(item['@value']);
  return undefined;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function isNode(value: unknown): value is JsonNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
