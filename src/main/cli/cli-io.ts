/** Everything a CLI command touches outside itself, passed in so commands run under test too. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  /** The fetch for one typed address: `allowPrivateHost` is its host (see net/guarded-fetch). */
  fetchFor(allowPrivateHost?: string): typeof globalThis.fetch;
  now(): number;
  userAgent: string;
}
