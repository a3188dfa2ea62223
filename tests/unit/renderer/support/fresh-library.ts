import { afterAll, afterEach } from 'vitest';
import { getDb } from '@renderer/db/database';
import { clearLibrary } from './dom';

/**
 * Registers the hooks a test file that mounts components over the app database needs: each test
 * starts on an empty page and an empty library, and the database goes when the file is done.
 */
export function emptyLibraryBetweenTests(): void {
  afterEach(async () => {
    document.body.innerHTML = '';
    await clearLibrary(getDb());
  });

  afterAll(async () => {
    await getDb().delete();
  });
}
