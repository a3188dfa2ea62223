import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A sample export from tests/fixtures/rescue, as text. */
export function rescueFixture(name: string): string {
  return readFileSync(path.join(__dirname, '../../../../fixtures/rescue', name), 'utf8');
}

/** A File as the picker hands it over (jsdom's File, with text() and arrayBuffer()). */
export function fileOf(name: string, contents: string | Uint8Array): File {
  return new File([contents as BlobPart], name);
}

export { makeZip } from '../../../../fixtures/rescue/make-zip';
