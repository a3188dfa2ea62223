import { describe, expect, it } from 'vitest';
import { readBackupHeader } from '@main/backups/backup-header';

const encode = (text: string) => new TextEncoder().encode(text);
const head =
  '{"formatName":"dexie","formatVersion":1,"data":{"databaseName":"broadsheet","databaseVersion":4,' +
  '"tables":[{"name":"feeds","schema":"id,url","rowCount":2},{"name":"articles","schema":"id","rowCount":1234}],' +
  '"data":[{"tableName":"feeds","inbound":true,"rows":[';

describe('backup header', () => {
  it('reads the version, the article count and whether images are in, from the head only', () => {
    expect(readBackupHeader(encode(head))).toEqual({
      schemaVersion: 4,
      articles: 1234,
      images: false,
    });
  });

  it('knows a file that is not a Dexie export, or is cut before its rows', () => {
    expect(readBackupHeader(encode('{"data":[1,2,3]}'))).toBeUndefined();
    expect(readBackupHeader(encode(head.replace('"dexie"', '"other"')))).toBeUndefined();
    expect(readBackupHeader(encode(head.slice(0, 60)))).toBeUndefined();
    expect(readBackupHeader(encode('not json "data":['))).toBeUndefined();
  });

  it('knows only backups of our library, at a whole schema version', () => {
    // Another Dexie database's export, which the renderer's restore would refuse.
    expect(
      readBackupHeader(encode(head.replace('"broadsheet"', '"someone-else"'))),
    ).toBeUndefined();
    expect(
      readBackupHeader(encode(head.replace('"databaseVersion":4', '"databaseVersion":4.5'))),
    ).toBeUndefined();
    expect(
      readBackupHeader(encode(head.replace('"databaseVersion":4', '"databaseVersion":0'))),
    ).toBeUndefined();
  });
});
