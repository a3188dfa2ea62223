import { describe, expect, it } from 'vitest';
import { updateFeed } from '@main/desktop/update-feed';

describe('update feed', () => {
  it('uses the packaged feed unless the variable names a server', () => {
    expect(updateFeed(undefined)).toEqual({ kind: 'packaged' });
    expect(updateFeed('  ')).toEqual({ kind: 'packaged' });
    expect(updateFeed('https://updates.example.org/broadsheet/')).toEqual({
      kind: 'generic',
      url: 'https://updates.example.org/broadsheet/',
    });
    expect(updateFeed('http://127.0.0.1:8080/dist')).toEqual({
      kind: 'generic',
      url: 'http://127.0.0.1:8080/dist',
    });
  });

  it('refuses plain http off this computer, other schemes, credentials and junk', () => {
    for (const value of [
      'http://updates.example.org/',
      'file:///tmp/updates',
      'javascript:alert(1)',
      'https://user:pw@updates.example.org/',
      'not a url',
    ])
      expect(updateFeed(value)).toMatchObject({ kind: 'refused' });
    expect(updateFeed('http://updates.example.org/')).toMatchObject({
      reason: expect.stringContaining('https'),
    });
  });
});
