import { describe, expect, it } from 'vitest';
import { isTrackingParam } from '@shared/tracking-params';

describe('isTrackingParam', () => {
  it('knows click ids, newsletter ids and whole campaign families, in any case', () => {
    for (const name of [
      'fbclid',
      'GCLID',
      'mc_eid',
      'utm_source',
      'UTM_Campaign',
      'pk_kwd',
      '_ga',
    ]) {
      expect(isTrackingParam(name), name).toBe(true);
    }
  });

  it('leaves parameters that choose the page alone', () => {
    for (const name of ['id', 'page', 'p', 'q', 'amp', 'utm', 'story']) {
      expect(isTrackingParam(name), name).toBe(false);
    }
  });
});
