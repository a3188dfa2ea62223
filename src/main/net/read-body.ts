/**
 * Reads a response body chunk by chunk, letting the caller refuse it as it grows (size caps),
 * so an oversized or endless answer is never held in memory. `check` sees the running total
 * and throws to stop; the stream is cancelled before the error propagates.
 */
export async function readBodyCapped(
  response: Response,
  check: (total: number) => void,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    try {
      check(total);
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The whole body, refused with `tooLarge()` as soon as it is known to exceed `maxBytes`: by its
 * declared Content-Length before reading, else as the bytes arrive.
 */
export async function readBodyWithin(
  response: Response,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discardBody(response);
    throw tooLarge();
  }
  return readBodyCapped(response, (total) => {
    if (total > maxBytes) throw tooLarge();
  });
}

/** Frees the connection of a response whose body nobody reads. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
