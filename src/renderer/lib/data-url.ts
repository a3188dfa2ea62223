/** Bytes as a `data:` URL, which the CSP allows for images and which needs no network. */
export function toDataUrl(contentType: string, bytes: Uint8Array): string {
  let binary = '';
  // Chunked: spreading a whole 64 KB array into one call can overflow the argument stack.
  for (let at = 0; at < bytes.length; at += 0x2000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x2000));
  }
  return `data:${contentType};base64,${btoa(binary)}`;
}
