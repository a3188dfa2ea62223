import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { chooseVoice } from '../../../lib/listen/choose-voice';
import { blockText, readableBlocks } from '../../../lib/listen/readable-blocks';

export type ListenState = 'idle' | 'playing' | 'paused';

/** The class on the paragraph being read (reader.css marks it). */
export const READING_CLASS = 'listen-current';

const synth = (): SpeechSynthesis | undefined =>
  typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : undefined;

/**
 * The system's voices. They load asynchronously (Chromium has none on the first call and says
 * `voiceschanged` when they come); an empty list means Listen is not offered.
 */
export function useVoices(): SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => synth()?.getVoices() ?? []);
  useEffect(() => {
    const speech = synth();
    if (!speech) return;
    const update = (): void => setVoices(speech.getVoices());
    update();
    speech.addEventListener('voiceschanged', update);
    return () => speech.removeEventListener('voiceschanged', update);
  }, []);
  return voices;
}

/** Marks (or unmarks) the paragraph being read, and keeps it in view. */
function mark(block: HTMLElement | undefined, on: boolean): void {
  if (!block) return;
  block.classList.toggle(READING_CLASS, on);
  if (on) block.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
}

interface Reading {
  blocks: HTMLElement[];
  index: number;
  /** Changes whenever the reading stops or restarts: a cancelled utterance's `end` is stale. */
  run: number;
  rate: number;
  /** Held here: Chromium may collect an utterance no page object holds, and never end it. */
  utterance?: SpeechSynthesisUtterance;
}

/** Speaks paragraph `index` of the reading, then the next one, until the last. */
function speak(
  r: Reading,
  index: number,
  lang: string | undefined,
  setState: (state: ListenState) => void,
): void {
  const speech = synth();
  if (!speech) return;
  mark(r.blocks[r.index], false);
  const run = ++r.run;
  speech.cancel();
  // Chromium stays paused through a cancel: what is spoken next would never be heard.
  if (speech.paused) speech.resume();
  r.utterance = undefined;
  const block = r.blocks[index];
  if (!block) {
    r.blocks = [];
    setState('idle');
    return;
  }
  r.index = index;
  mark(block, true);
  const utterance = new SpeechSynthesisUtterance(blockText(block));
  const voice = chooseVoice(speech.getVoices(), lang);
  if (voice) utterance.voice = voice;
  utterance.lang = lang ?? voice?.lang ?? '';
  utterance.rate = r.rate;
  utterance.addEventListener('end', () => {
    if (r.run === run) speak(r, index + 1, lang, setState);
  });
  utterance.addEventListener('error', (event) => {
    // Our own cancel (stop, a new speed) reports "interrupted" or "canceled": not a failure.
    if (r.run !== run || event.error === 'interrupted' || event.error === 'canceled') return;
    speak(r, index + 1, lang, setState);
  });
  r.utterance = utterance;
  speech.speak(utterance);
  setState('playing');
}

export interface Listen {
  available: boolean;
  state: ListenState;
  rate: number;
  setRate: (rate: number) => void;
  /** Listen → Pause → Resume → Pause…: the one key `l` and the toolbar's first button. */
  toggle: () => void;
  stop: () => void;
}

/**
 * Reads the article aloud paragraph by paragraph, the paragraph being read marked and kept in
 * view. `html` is the content's identity: new content (another article) stops the reading.
 */
export function useListen(
  contentRef: RefObject<HTMLElement | null>,
  html: string,
  lang: string | undefined,
): Listen {
  const voices = useVoices();
  const [state, setState] = useState<ListenState>('idle');
  const [rate, setRateState] = useState(1);
  const reading = useRef<Reading>({ blocks: [], index: 0, run: 0, rate: 1 });

  const stop = useCallback(() => {
    const r = reading.current;
    r.run++;
    mark(r.blocks[r.index], false);
    r.blocks = [];
    r.utterance = undefined;
    const speech = synth();
    speech?.cancel();
    if (speech?.paused) speech.resume();
    setState('idle');
  }, []);

  const speakFrom = useCallback(
    (index: number) => speak(reading.current, index, lang, setState),
    [lang],
  );

  const toggle = useCallback(() => {
    const speech = synth();
    if (!speech) return;
    if (state === 'playing') {
      speech.pause();
      setState('paused');
    } else if (state === 'paused') {
      speech.resume();
      setState('playing');
    } else if (contentRef.current) {
      // The headline first, as a person reading a paper aloud would.
      const title = contentRef.current.closest('article')?.querySelector<HTMLElement>('h1');
      const blocks = readableBlocks(contentRef.current);
      reading.current.blocks = title && blockText(title) ? [title, ...blocks] : blocks;
      speakFrom(0);
    }
  }, [state, contentRef, speakFrom]);

  const setRate = useCallback(
    (next: number) => {
      setRateState(next);
      reading.current.rate = next;
      // The speech API fixes an utterance's rate when it starts: the paragraph starts again.
      if (state === 'playing') speakFrom(reading.current.index);
    },
    [state, speakFrom],
  );

  // Another article, or the reader closing, ends the reading.
  useEffect(() => stop, [html, stop]);

  return { available: voices.length > 0, state, rate, setRate, toggle, stop };
}
