/** The part of better-sqlite3's API the search benchmark uses (no @types package installed). */
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  }

  class Database {
    constructor(filename: string, options?: { readonly?: boolean });
    exec(sql: string): this;
    prepare(sql: string): Statement;
    pragma(source: string): unknown;
    transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
    close(): void;
  }

  export default Database;
}
