import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeepLink } from '@shared/desktop-model';
import type { MainText } from '@shared/result';
import { getApi } from '../../../api/broadsheet-api';

/** A feed address a link asked to subscribe to; `seq` tells two asks for one address apart. */
export interface SubscribeRequest {
  url: string;
  seq: number;
}

/** OPML files opened with Broadsheet, for the import. */
export interface OpmlRequest {
  files: File[];
  seq: number;
}

export interface RefusedLink {
  input: string;
  /** In English; `text` says it in the reader's language (errorText shows whichever there is). */
  reason: string;
  text?: MainText;
}

/**
 * What the system asked Broadsheet to open (feed: links, broadsheet://subscribe links, .opml
 * files; main parsed and checked them, see main/desktop/deep-link.ts). Taken when the page
 * starts — a first launch's link waits in main until then — and whenever main says another
 * arrived. Nothing is subscribed here: the address goes to Add feed, where the reader decides.
 */
export function useDeepLinks() {
  const [subscribe, setSubscribe] = useState<SubscribeRequest>();
  const [opml, setOpml] = useState<OpmlRequest>();
  const [refused, setRefused] = useState<RefusedLink[]>([]);
  const seq = useRef(0);

  useEffect(() => {
    const apply = (links: DeepLink[]): void => {
      const files: File[] = [];
      for (const link of links) {
        // Several addresses at once: Add feed shows one, the last asked for.
        if (link.kind === 'subscribe') setSubscribe({ url: link.url, seq: ++seq.current });
        else if (link.kind === 'opml') {
          files.push(new File([link.text], link.name, { type: 'text/x-opml' }));
        } else {
          const { input, reason, text } = link;
          setRefused((shown) => [...shown, text ? { input, reason, text } : { input, reason }]);
        }
      }
      if (files.length > 0) setOpml({ files, seq: ++seq.current });
    };
    // Taken links are main's no longer: they are applied even if this effect was cleaned up
    // meanwhile (React's development double start), or they would be lost.
    const take = async (): Promise<void> => {
      const taken = await getApi().invoke('desktop.takeLinks', {});
      if (taken.ok) apply(taken.value.links);
    };
    const stop = getApi().on('desktop.linksWaiting', () => void take());
    void take();
    return stop;
  }, []);

  const dismissRefused = useCallback(() => setRefused([]), []);
  return { subscribe, opml, refused, dismissRefused };
}
