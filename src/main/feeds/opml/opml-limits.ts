/**
 * Bounds shared by reading and writing OPML, so a hostile or absurd file cannot hang the main
 * process or overflow the stack, and whatever is read can be written back.
 */

/** Folders deeper than this are flattened into their ancestor at this depth; feeds are kept. */
export const MAX_FOLDER_DEPTH = 16;

/** Far beyond any real subscription list; also keeps every folder inside the contract's caps. */
export const MAX_OUTLINES = 20_000;

/** The contract's cap on a title. */
export const MAX_TITLE_LENGTH = 1000;

/** The contract's cap on an address. */
export const MAX_URL_LENGTH = 4096;

/** The contract's cap on the OPML text itself. */
export const MAX_OPML_CHARS = 10 * 1024 * 1024;
