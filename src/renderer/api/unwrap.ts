import { AppError, type Result } from '@shared/result';

/**
 * The value of a successful call, or the failure thrown as an AppError that keeps the code (for
 * callers to tell a full disk from the rest), main's English message, and its text (for
 * `errorText` to tell the reader in their language).
 */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw AppError.from(result.error);
  return result.value;
}
