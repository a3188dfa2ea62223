// The English catalogue's two slices (scripts/precompile-catalogues.ts): ids → messages.
declare module '*/en.json?first-paint' {
  const messages: Record<string, string>;
  export default messages;
}
declare module '*/en.json?after-first-paint' {
  const messages: Record<string, string>;
  export default messages;
}
