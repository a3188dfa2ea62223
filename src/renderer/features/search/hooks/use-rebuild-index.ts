import { useCallback, useState } from 'react';
import { translate } from '../../../i18n/current-locale';
import { errorText } from '../../../i18n/localized-error';
import { searchClient } from '../../../pipeline/search-connection';

export type RebuildState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; indexed: number }
  | { kind: 'failed'; message: string };

/** "Rebuild search index": the whole index again from the articles table. */
export function useRebuildIndex(): [RebuildState, () => void] {
  const [state, setState] = useState<RebuildState>({ kind: 'idle' });
  const rebuild = useCallback(() => {
    setState({ kind: 'working' });
    searchClient()
      .rebuild()
      .then(
        ({ indexed }) => setState({ kind: 'done', indexed }),
        (error: unknown) =>
          setState({
            kind: 'failed',
            message: errorText(error, translate),
          }),
      );
  }, []);
  return [state, rebuild];
}
