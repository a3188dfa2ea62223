import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import type { Rule } from '@renderer/db/entities';
import { RulesSettings } from '@renderer/features/rules/components/rules-settings';
import { switchLocale } from '@renderer/i18n/current-locale';
import { storedArticle } from '../../../db/fixtures';
import { click, getByRole, mount, queryAllByRole, type, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';
import { installMainBridge } from '../../../support/main-bridge';

const DAY = 86_400_000;

emptyLibraryBetweenTests();

const rule = (extra: Partial<Rule> & Pick<Rule, 'id' | 'query'>): Rule => ({
  action: 'hide',
  createdAt: Date.now() - 1000,
  ...extra,
});

const row = (query: string) => getByRole(document.body, 'group', query);
const details = (group: HTMLElement) =>
  document.getElementById(group.getAttribute('aria-describedby')!)?.textContent;
const hasRow = (query: string) => queryAllByRole(document.body, 'group', query).length === 1;

describe('Settings → Rules', () => {
  it('lists each rule with what it does and how long it lasts; deleting one brings back what it hid', async () => {
    const db = getDb();
    await db.rules.bulkPut([
      rule({ id: 'r1', query: 'crypto -bitcoin', until: Date.now() + 2 * DAY + 60_000 }),
      rule({ id: 'r2', query: 'rust', action: 'tag', tag: 'Rust', createdAt: Date.now() }),
    ]);
    await db.articles.put(storedArticle('f1|1', { hiddenAt: 5, hiddenBy: 'r1' }));
    const { unmount } = mount(<RulesSettings />);
    await waitFor(() => hasRow('crypto -bitcoin') && hasRow('rust'), 'the rules');
    expect(details(row('crypto -bitcoin'))).toMatch(
      /^Hide · Ends \w{3} \d+, \d{4}, \d+:\d\d [AP]M$/,
    );
    expect(details(row('rust'))).toBe('Add tag “Rust” · Always');

    click(getByRole(row('crypto -bitcoin'), 'button', 'Delete rule'));
    await waitFor(() => !hasRow('crypto -bitcoin'), 'the row to go');
    await waitFor(() =>
      queryAllByRole(document.body, 'status').some(
        (status) => status.textContent === 'Rule deleted: 1 hidden article is back.',
      ),
    );
    expect(await db.rules.count()).toBe(1);
    expect((await db.articles.get('f1|1'))?.hiddenAt).toBeUndefined();
    // The focus goes somewhere that stays.
    expect(document.activeElement?.textContent).toBe('Add rule');
    unmount();
  });

  it('"Apply to existing articles" acts on the stored articles the rule matches and says how many', async () => {
    const db = getDb();
    await db.feeds.put({ id: 'f1', url: 'https://e.com/feed', title: 'E', createdAt: 1 });
    await db.rules.put(rule({ id: 'r1', query: 'crypto', action: 'read' }));
    await db.articles.bulkPut([
      storedArticle('f1|1', { title: 'Crypto winter' }),
      storedArticle('f1|2', { title: 'Crypto spring', unread: 0 }),
      storedArticle('f1|3', { title: 'Gardening' }),
    ]);
    const { unmount } = mount(<RulesSettings />);
    await waitFor(() => hasRow('crypto'), 'the rule');
    click(getByRole(row('crypto'), 'button', 'Apply to existing articles'));
    await waitFor(
      () => getByRole(row('crypto'), 'status').textContent === '1 article marked as read.',
    );
    expect((await db.articles.get('f1|1'))?.unread).toBe(0);
    expect((await db.articles.get('f1|3'))?.unread).toBe(1);
    unmount();
  });

  it('Add rule: says what the parser ignored, why a rule cannot be saved, and saves a mute', async () => {
    const db = getDb();
    const { unmount } = mount(<RulesSettings />);
    click(getByRole(document.body, 'button', 'Add rule'));
    const dialog = getByRole(document.body, 'dialog', 'Add rule');
    const match = getByRole<HTMLInputElement>(dialog, 'textbox', 'Match');

    // Nothing to match: said at once, with the parser's own note; saving says why not.
    type(match, 'feed:');
    expect(getByRole(dialog, 'status').textContent).toBe(
      'Nothing to match yet: add a word, a phrase or a filter.',
    );
    expect(getByRole(dialog, 'list', 'About this query').textContent).toBe(
      'Ignored feed: with nothing after it.',
    );
    click(getByRole(dialog, 'button', 'Save rule'));
    await waitFor(() => queryAllByRole(dialog, 'alert').length === 1, 'the refusal');
    expect(getByRole(dialog, 'alert').textContent).toContain('gives the rule nothing to match');

    // "Add tag" wants its tag, in a field of its own that shows only for it.
    expect(queryAllByRole(dialog, 'textbox', 'Tag')).toHaveLength(0);
    type(match, 'crypto');
    expect(queryAllByRole(dialog, 'alert')).toHaveLength(0);
    type(getByRole(dialog, 'combobox', 'Action'), 'tag');
    click(getByRole(dialog, 'button', 'Save rule'));
    await waitFor(() => queryAllByRole(dialog, 'alert').length === 1, 'the refusal');
    expect(getByRole(dialog, 'alert').textContent).toBe('Type the tag the rule should add.');

    type(getByRole(dialog, 'textbox', 'Tag'), 'coins');
    type(getByRole(dialog, 'combobox', 'For'), 'week');
    const before = Date.now();
    click(getByRole(dialog, 'button', 'Save rule'));
    await waitFor(() => !dialog.hasAttribute('open'), 'the dialog to close');
    await waitFor(() => hasRow('crypto'), 'the new rule');
    const [saved] = await db.rules.toArray();
    expect(saved).toMatchObject({ query: 'crypto', action: 'tag', tag: 'coins' });
    expect(saved!.until! - before).toBeGreaterThanOrEqual(7 * DAY);
    expect(saved!.until! - before).toBeLessThan(7 * DAY + 60_000);
    expect(details(row('crypto'))).toContain('Add tag “coins” · Ends ');
    expect(details(row('crypto'))).toContain(String(new Date(saved!.until!).getDate()));
    unmount();
  });

  it('Add rule offers Notify; its row says so and offers nothing to apply to stored articles', async () => {
    installMainBridge({
      'app.info': async () => ({ name: 'B', version: '1', host: 'electron', platform: 'linux' }),
    });
    const db = getDb();
    const { unmount } = mount(<RulesSettings />);
    click(getByRole(document.body, 'button', 'Add rule'));
    const dialog = getByRole(document.body, 'dialog', 'Add rule');
    type(getByRole<HTMLInputElement>(dialog, 'textbox', 'Match'), 'rocket');
    type(getByRole(dialog, 'combobox', 'Action'), 'notify');
    click(getByRole(dialog, 'button', 'Save rule'));
    await waitFor(() => hasRow('rocket'), 'the new rule');
    expect(await db.rules.toArray()).toMatchObject([{ query: 'rocket', action: 'notify' }]);
    expect(details(row('rocket'))).toBe('Notify · Always');
    expect(queryAllByRole(row('rocket'), 'button', 'Apply to existing articles')).toHaveLength(0);
    expect(getByRole(row('rocket'), 'button', 'Delete rule')).toBeTruthy();
    unmount();
  });
});

describe('Settings → Rules, in the language in use', () => {
  afterEach(() => act(() => switchLocale('en')));

  it('says what each rule does and when a mute ends in the interface’s language', async () => {
    const until = Date.UTC(2030, 11, 24, 15, 30);
    await getDb().rules.bulkPut([
      rule({ id: 'r1', query: 'crypto', until }),
      rule({ id: 'r2', query: 'rust', action: 'tag', tag: 'Rust', createdAt: Date.now() }),
    ]);
    const { unmount } = mount(<RulesSettings />);
    await waitFor(() => hasRow('crypto') && hasRow('rust'), 'the rules');

    await act(() => switchLocale('en-XA'));
    // The row's line is a message of its own, around the action's and the expiry's.
    expect(details(row('rust'))).toMatch(/^\[\[Áðð ţáĝ “Rust”.*\] · \[Áļŵáýš.*\]/);
    expect(getByRole(row('rust'), 'button', /^\[Áþþļý ţó/)).toBeTruthy();
    // The date is the interface language's too (German's, while its catalogue is to come).
    await act(() => switchLocale('de'));
    const date = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' });
    // German words, and the end as German writes a date.
    expect(details(row('crypto'))).toContain(date.format(until));
    expect(details(row('crypto'))).not.toMatch(/Hide|Ends/);
    expect(details(row('crypto'))).toContain('24.12.2030');
    unmount();
  });
});
