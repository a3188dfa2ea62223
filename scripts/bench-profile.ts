/**
 * A Chrome DevTools CPU profile of one bench phase, over CDP: saved as `<dir>/<name>.cpuprofile`
 * (opens in DevTools' Performance panel) and summed by function, so a bench's JSON names where
 * the main thread's time went without opening it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time by function (name, file, line), the largest first, in ms. */
export function selfTimes(profile: CpuProfile, top = 15): { fn: string; ms: number }[] {
  const byNode = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = profile;
  // Each sample's time is the delta to the next one.
  for (let i = 0; i < samples.length; i++) {
    const ms = (timeDeltas[i + 1] ?? 0) / 1000;
    byNode.set(samples[i]!, (byNode.get(samples[i]!) ?? 0) + ms);
  }
  const byFn = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id) ?? 0;
    if (!ms) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${path.basename(url)}:${lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
  }
  return [...byFn]
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/** Runs `run` under the sampling profiler when `dir` is given; returns its result and summary. */
export async function profiled<T>(
  page: Page,
  dir: string | undefined,
  name: string,
  run: () => Promise<T>,
): Promise<{ result: T; top?: { fn: string; ms: number }[] }> {
  if (!dir) return { result: await run() };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  const save = async (file: string): Promise<CpuProfile> => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${file}.cpuprofile`), JSON.stringify(profile));
    return profile;
  };
  try {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      // A pass that outlived its limit is the one most worth reading.
      await save(`${name}-failed`).catch(() => undefined);
      throw error;
    }
    return { result, top: selfTimes(await save(name)) };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
