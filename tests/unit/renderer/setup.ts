// Real IndexedDB semantics in unit tests; the browser tests use Chromium's own.
import 'fake-indexeddb/auto';
