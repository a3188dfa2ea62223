import DOMPurify from 'dompurify';
import { SANITIZE_CONFIG, installSanitizeHooks } from '@shared/sanitize-policy';

installSanitizeHooks(DOMPurify);

/** Stored HTML was sanitized in main; this second pass is the last line before the DOM. */
export function sanitizeForDisplay(html: string): string {
  return DOMPurify.sanitize(html, SANITIZE_CONFIG);
}
