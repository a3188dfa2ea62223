import { getApi } from '../../../api/broadsheet-api';
import { exportOpmlTree } from '../../../db/feeds-repository';

/** Builds the OPML text in main (the same writer the CLI and tests use) and saves it. */
export async function exportOpml(): Promise<void> {
  const root = await exportOpmlTree();
  const built = await getApi().invoke('opml.build', { title: root.title, root });
  if (!built.ok) throw new Error(built.error.message);
  const url = URL.createObjectURL(new Blob([built.value.text], { type: 'text/x-opml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'broadsheet-subscriptions.opml';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
