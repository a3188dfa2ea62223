import { describe, expect, it } from 'vitest';
import { protocolsToClaim } from '@main/desktop/protocol-claims';

describe('which URL schemes to register', () => {
  it('always claims broadsheet:, and feed: only while no application handles it', () => {
    expect(protocolsToClaim({ isOurs: () => false, handler: () => '' })).toEqual([
      'feed',
      'broadsheet',
    ]);
    // Another reader has feed: links: the person's choice stands.
    expect(
      protocolsToClaim({
        isOurs: () => false,
        handler: (scheme) => (scheme === 'feed' ? 'NetNewsWire' : 'Other'),
      }),
    ).toEqual(['broadsheet']);
    // Already ours: nothing to write again.
    expect(protocolsToClaim({ isOurs: () => true, handler: () => 'Broadsheet' })).toEqual([]);
  });
});
