// src/shared compiles without DOM or Node typings so it cannot lean on either; URL is the one
// web-platform global it needs, and both Node and the browser provide it.
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly protocol: string;
  readonly hostname: string;
  readonly origin: string;
  readonly pathname: string;
  readonly port: string;
  readonly search: string;
  readonly href: string;
  toString(): string;
}
