import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { SANITIZE_CONFIG, installSanitizeHooks } from '../../shared/sanitize-policy';

type Purifier = ReturnType<typeof createDOMPurify>;
let purifier: Purifier | undefined;

// One server-side DOM for the life of the process: building a JSDOM window costs milliseconds,
// sanitizing a fragment with it costs microseconds.
function getPurifier(): Purifier {
  if (!purifier) {
    const { window } = new JSDOM('<!DOCTYPE html>');
    purifier = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    installSanitizeHooks(purifier);
  }
  return purifier;
}

/** Article HTML as it may be stored: the shared allowlist policy, applied in the main process. */
export function sanitizeHtml(html: string): string {
  if (!html) return '';
  return getPurifier().sanitize(html, SANITIZE_CONFIG);
}
