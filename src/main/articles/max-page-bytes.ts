/**
 * The largest page read as an article, on its own so that main can cap downloads with it
 * without loading the extractor (jsdom), which runs on worker threads.
 */

/** Larger pages are not articles anyone wrote by hand, and would hold the process for seconds. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
