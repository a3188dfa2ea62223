/**
 * The only host globals the core uses, declared here rather than taking the DOM library: each
 * exists alike in browsers, workers and Node (benches and tests run the core in plain Node), and
 * anything else a core file reaches for (document, indexedDB, fetch) fails to compile.
 */
declare const performance: { now(): number };

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}

declare function structuredClone<T>(value: T): T;
