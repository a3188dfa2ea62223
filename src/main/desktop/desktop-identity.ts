/**
 * Who the installed app is to the operating system. The packaging configuration
 * (electron-builder.config.cjs) must say the same; a unit test holds the two together.
 */
export const APP_ID = 'io.github.broadsheet-reader.broadsheet';
export const PRODUCT_NAME = 'Broadsheet';
/** `feed://…`, `feed:https://…` and `broadsheet://subscribe?url=…` open Add feed. */
export const URL_SCHEMES = ['feed', 'broadsheet'] as const;
/** Opening one of these starts the OPML import. */
export const OPML_EXTENSIONS = ['opml'] as const;
