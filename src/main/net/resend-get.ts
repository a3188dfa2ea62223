import { errorCode } from './error-code';

/** A connection broken before any answer came: the request may simply be sent again. */
const CUT_OFF = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Sends an idempotent request (GET, HEAD) again once, on a fresh connection, when the first
 * broke before any answer: a kept-alive connection the server closed while idle fails exactly
 * so, and browsers resend such requests then. Never for other methods (a POST may have been
 * acted on).
 */
export async function sendIdempotent(
  send: () => Promise<Response>,
  signal?: AbortSignal | null,
): Promise<Response> {
  try {
    return await send();
  } catch (error) {
    if (signal?.aborted || !CUT_OFF.has(errorCode(error) ?? '')) throw error;
    return send();
  }
}
