import { getApi } from '../../../api/broadsheet-api';
import { unwrap } from '../../../api/unwrap';
import { exportOpmlTree } from '../../../db/feeds-repository';

/** Builds the OPML text in main (the same writer the CLI and tests use) and saves it. */
export async function exportOpml(): Promise<void> {
  const root = await exportOpmlTree();
  // A failure is thrown with main's text, for errorText to say it in the reader's language.
  const built = unwrap(await getApi().invoke('opml.build', { title: root.title, root }));
  const url = URL.createObjectURL(new Blob([built.text], { type: 'text/x-opml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'broadsheet-subscriptions.opml';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
