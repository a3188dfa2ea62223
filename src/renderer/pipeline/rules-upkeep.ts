import { liveQuery } from 'dexie';
import { getDb } from '../db/database';
import { expireRules, nextRuleExpiry, type ExpiredRules } from '../db/rules-repository';
import { reportStorageError } from '../lib/storage-errors';

/*
 * Ends mutes on time: a rule "For 1 day" brings back what it hid when its day is over, whether
 * or not anything else happens then. Expiry runs at start, at the next rule's `until` (a timer,
 * re-armed whenever the rules change), and once a minute besides, because a timer set for
 * tomorrow does not notice a clock moved forward (a laptop waking from sleep, a manual change).
 */

/** setTimeout's longest delay; a later expiry is re-armed by the minute check meanwhile. */
const MAX_TIMER_MS = 0x7fffffff;
export const RULES_CHECK_MS = 60_000;

export interface RulesUpkeepOptions {
  db?: ReturnType<typeof getDb>;
  now?: () => number;
  /** Told what each run that changed anything did (tests, a status line). */
  onExpired?: (expired: ExpiredRules) => void;
}

/** Starts the upkeep for as long as the app is open; returns the stop function. */
export function startRulesUpkeep(options: RulesUpkeepOptions = {}): () => void {
  const db = options.db ?? getDb();
  const now = options.now ?? Date.now;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = (): Promise<void> => {
    if (running) {
      // A rule may have ended while the last run read the rules: look once more after it.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          if (stopped) return;
          const expired = await expireRules(now(), db);
          if (expired.rules.length) options.onExpired?.(expired);
        } while (again);
      } catch (error) {
        reportStorageError(error);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const arm = (next: number | undefined): void => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || next === undefined) return;
    const delay = Math.min(Math.max(next - now(), 0), MAX_TIMER_MS);
    timer = setTimeout(() => {
      void run().then(async () => {
        // A timer may fire a millisecond before the clock reads `until` (they keep time
        // apart), finding the rule still in force; the rules did not change, so nothing else
        // would arm again before the minute check. A rule due by now that is still here (its
        // expiry failed) is left to that check, not retried at once.
        const after = stopped ? undefined : await nextRuleExpiry(db).catch(() => undefined);
        if (after !== undefined && after > now()) arm(after);
      });
    }, delay);
  };

  const rules = liveQuery(() => nextRuleExpiry(db)).subscribe({
    next: arm,
    error: (error: unknown) => reportStorageError(error),
  });
  const minute = setInterval(() => void run(), RULES_CHECK_MS);
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') void run();
  };
  document.addEventListener('visibilitychange', onVisible);
  void run();

  return () => {
    stopped = true;
    rules.unsubscribe();
    clearTimeout(timer);
    clearInterval(minute);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
