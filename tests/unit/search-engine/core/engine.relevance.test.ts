/**
 * Known-item relevance over the real-feeds corpus: for each article, a query a person who half
 * remembers it would type (not its title), and where the engine ranks it. The goal: at least
 * 80% ranked first and 95% in the top three. The figures are printed so they can be tracked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexDocument } from '@search-engine/core/document';
import { SearchEngine } from '@search-engine/core/engine';
import { MemoryStorage } from '@search-engine/core/memory-storage';
import { hasRealFeeds, loadRealFeeds } from './real-feeds-corpus';

interface KnownItem {
  query: string;
  /** Feed file (part of its path) and the start of the article's title. */
  feed: string;
  title: string;
}

const KNOWN_ITEMS: KnownItem[] = [
  // The Guardian (world news)
  {
    query: 'saudi prince ukraine prisoner swap',
    feed: 'rss_theguardian',
    title: 'Saudi foreign minister',
  },
  { query: 'insulin shortage tigray war', feed: 'rss_theguardian', title: '‘Humanitarian crime’' },
  {
    query: 'tutu daughter funeral same-sex marriage',
    feed: 'rss_theguardian',
    title: 'Church of England bars',
  },
  {
    query: 'drought children dropping out of school africa',
    feed: 'rss_theguardian',
    title: 'Horn of Africa drought',
  },
  {
    query: 'harry styles concert bogota football fans',
    feed: 'rss_theguardian',
    title: 'Harry Styles stadium',
  },
  {
    query: 'typhoon noru philippines evacuation',
    feed: 'rss_theguardian',
    title: 'Philippines evacuates',
  },
  {
    query: 'museum returns warumungu objects',
    feed: 'rss_theguardian',
    title: '‘They belong to Waramungu’',
  },
  {
    query: 'businessman denies selling islands to china turtles',
    feed: 'rss_theguardian',
    title: 'Turtle concern',
  },
  {
    query: 'van der poel assault teenagers hotel',
    feed: 'rss_theguardian',
    title: 'Mathieu van der Poel',
  },
  { query: 'meloni brothers of italy election', feed: 'rss_theguardian', title: 'Italy braces' },
  {
    query: 'roger waters cancels poland concerts',
    feed: 'rss_theguardian',
    title: 'Roger Waters cancels',
  },
  {
    query: 'lebanon boat death toll 94',
    feed: 'rss_theguardian',
    title: 'Death toll from sinking',
  },
  {
    query: 'lightning kills dozens india monsoon',
    feed: 'rss_theguardian',
    title: 'Lightning and heavy rains',
  },
  { query: 'tollywood bollywood flops', feed: 'rss_theguardian', title: 'Less Bollywood' },
  {
    query: 'world bank malpass climate denial',
    feed: 'rss_theguardian',
    title: 'Head of World Bank',
  },
  {
    query: 'artemis moon rocket delayed storm ian',
    feed: 'rss_theguardian',
    title: 'Nasa delays Artemis',
  },
  {
    query: 'cargill river wye pollution chicken',
    feed: 'rss_theguardian',
    title: 'Chicken farm giant',
  },
  {
    query: 'hybrid working hurts women careers',
    feed: 'rss_theguardian',
    title: 'Hybrid working may',
  },
  { query: 'preppy look comeback autumn', feed: 'rss_theguardian', title: 'Loafers, plaid skirts' },
  // BBC
  {
    query: 'cambridge analytica boasted elections',
    feed: 'photojournalism/bbc',
    title: 'Firm in data scandal',
  },
  {
    query: 'hawaii false missile alarm',
    feed: 'photojournalism/bbc',
    title: 'Hawaii missile alert',
  },
  {
    query: 'palmyra drone footage intact',
    feed: 'photojournalism/bbc',
    title: 'Drone reveals ancient',
  },
  { query: 'birmingham library staff cuts', feed: 'photojournalism/bbc', title: 'Library cuts' },
  // The Japan Times
  { query: 'syphilis record japan', feed: 'japantimes', title: 'Syphilis cases hit' },
  { query: 'kishida nickname glasses tax', feed: 'japantimes', title: 'Why is Fumio Kishida' },
  {
    query: 'kyushu sumo kirishima atamifuji',
    feed: 'japantimes',
    title: 'Kirishima and Atamifuji',
  },
  { query: 'gangs recruiting online japan', feed: 'japantimes', title: "Why Japan's gangs" },
  {
    query: 'finland russia border asylum seekers',
    feed: 'japantimes',
    title: 'Finland pushing back',
  },
  { query: 'nissan electric cars british plant', feed: 'japantimes', title: 'Nissan to invest' },
  // NPR
  {
    query: 'lost luggage sold in alabama store',
    feed: 'photojournalism/npr',
    title: 'U.S. airlines lose',
  },
  {
    query: 'giant tumbleweed highway',
    feed: 'photojournalism/npr',
    title: 'A car-sized tumbleweed',
  },
  {
    query: 'sealyham terrier national dog show',
    feed: 'photojournalism/npr',
    title: 'Stache the Sealyham',
  },
  {
    query: 'mystery respiratory illness dogs',
    feed: 'photojournalism/npr',
    title: "Could a 'funky'",
  },
  // The New York Times
  {
    query: 'chinese migrants crossing mexico border',
    feed: 'photojournalism/nytimes',
    title: 'Growing Numbers of Chinese',
  },
  {
    query: 'venezuelan baseball league bogota',
    feed: 'photojournalism/nytimes',
    title: 'Baseball Has Grown',
  },
  {
    query: 'ridley scott napoleon french critics',
    feed: 'photojournalism/nytimes',
    title: 'France Scoffs',
  },
  {
    query: 'best egg cream new york',
    feed: 'photojournalism/nytimes',
    title: 'Lexington Candy Shop',
  },
  {
    query: 'homeless mayor oshawa',
    feed: 'photojournalism/nytimes',
    title: 'Once a Homeless Addict',
  },
  {
    query: 'rainbow bridge niagara explosion',
    feed: 'photojournalism/nytimes',
    title: 'After Couple’s Fatal',
  },
  // Aeon and Quanta
  { query: 'being a twin self', feed: 'photojournalism/aeon', title: 'Both one and yet distinct' },
  {
    query: 'consciousness of crabs',
    feed: 'photojournalism/aeon',
    title: 'What is it like to be a crab',
  },
  {
    query: 'recursive sequences fibonacci',
    feed: 'photojournalism/quanta',
    title: 'The Astonishing Behavior',
  },
  {
    query: 'chess puzzles artificial brainstorming',
    feed: 'photojournalism/quanta',
    title: 'AI System Beats Chess',
  },
  {
    query: 'gut second brain',
    feed: 'photojournalism/quanta',
    title: 'In the Gut’s ‘Second Brain',
  },
  // Macworld
  { query: 'high sierra root password bug', feed: 'macworld', title: 'macOS High Sierra ‘root’' },
  { query: 'face id fooled with a mask', feed: 'macworld', title: 'Face ID on the iPhone X' },
  {
    query: 'animal crossing pocket camp review',
    feed: 'macworld',
    title: 'Animal Crossing Pocket Camp',
  },
  // German, French, Chinese, Ukrainian, Urdu
  { query: 'tesla lkw brauerei', feed: 'golem-de', title: 'Anheuser Busch' },
  { query: 'protonmail imap bridge', feed: 'golem-de', title: 'Bridge: Protonmail' },
  { query: 'avion russe moscou', feed: 'rss_lemonde', title: 'Un avion de ligne russe' },
  { query: 'maison la plus chère louveciennes', feed: 'rss_lemonde', title: 'A Louveciennes' },
  { query: '罗永浩 羊毛衫', feed: 'rss_geekpark', title: '罗永浩为售假羊毛衫致歉' },
  { query: '充电桩 赚钱', feed: 'rss_geekpark', title: '充电桩 2020' },
  { query: 'Трубін Бенфіка', feed: 'rss_ukrnet', title: 'Анатолій Трубін' },
  { query: 'ٹلرسن پاکستان', feed: 'urdu_UTF8', title: 'امریکی وزیرِ خارجہ کی پاکستان آمد' },
];

const NOW = Date.UTC(2025, 0, 1);

describe('relevance: known items in the real-feeds corpus', () => {
  let engine: SearchEngine;
  let articles: IndexDocument[];

  beforeAll(async () => {
    if (!hasRealFeeds()) return;
    articles = loadRealFeeds().flatMap((feed) => feed.items);
    engine = await SearchEngine.open(new MemoryStorage());
    await engine.rebuild(
      (async function* () {
        yield articles;
      })(),
    );
  }, 60_000);

  it.skipIf(!hasRealFeeds())(
    'ranks the article people mean first (≥ 80%) and in the top three (≥ 95%)',
    async () => {
      expect(KNOWN_ITEMS.length).toBeGreaterThanOrEqual(40);
      const byId = new Map(articles.map((article) => [article.id, article]));
      const ranks: { query: string; rank: number }[] = [];
      for (const item of KNOWN_ITEMS) {
        const wanted = (article: IndexDocument | undefined) =>
          article !== undefined &&
          article.feedId.includes(item.feed) &&
          article.title.startsWith(item.title);
        expect(articles.some(wanted), `no article "${item.title}" in ${item.feed}`).toBe(true);
        const result = await engine.search({
          query: item.query,
          now: NOW,
          limit: 10,
          prefixLast: false,
        });
        const index = result.hits.findIndex((hit) => wanted(byId.get(hit.articleId)));
        ranks.push({ query: item.query, rank: index < 0 ? Infinity : index + 1 });
      }
      const first = ranks.filter((r) => r.rank === 1).length / ranks.length;
      const top3 = ranks.filter((r) => r.rank <= 3).length / ranks.length;
      const misses = ranks.filter((r) => r.rank > 1);
      console.log(
        `relevance: ${ranks.length} known items, first ${(first * 100).toFixed(1)}%, top 3 ${(top3 * 100).toFixed(1)}%` +
          (misses.length
            ? `; not first: ${misses.map((r) => `"${r.query}" (${r.rank})`).join(', ')}`
            : ''),
      );
      expect(first).toBeGreaterThanOrEqual(0.8);
      expect(top3).toBeGreaterThanOrEqual(0.95);
    },
  );
});
