import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, fail } from '@shared/result';
import { toWireJson } from '@shared/wire-json';
import { createHttpTransport } from '@renderer/api/http-transport';
import { unwrap } from '@renderer/api/unwrap';
import { errorText } from '@renderer/i18n/localized-error';

let server: Server;
let base: string;

beforeAll(async () => {
  // A stand-in for main's host: every call fails as main's dispatcher would answer.
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(toWireJson(fail('network', 'main.net.refused', { host: 'news.example' })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('unwrap', () => {
  it('gives the value of a successful call', () => {
    expect(unwrap({ ok: true, value: 3 })).toBe(3);
  });

  it('throws the failure of a call over HTTP as an AppError that keeps its text', async () => {
    const result = await createHttpTransport(base, 'token').invoke('app.info', {});
    let thrown: unknown;
    try {
      unwrap(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe('network');
    expect(error.message).toBe('news.example refused the connection.');
    expect(error.text).toEqual({ id: 'main.net.refused', values: { host: 'news.example' } });
    // What the reader is shown comes from the text, in the language in use.
    const shown = errorText(error, (id, values) => `${id} ${JSON.stringify(values)}`);
    expect(shown).toBe('main.net.refused {"host":"news.example"}');
  });

  it('says so in a text when the host is not there at all', async () => {
    const result = await createHttpTransport('http://127.0.0.1:9', 'token').invoke('app.info', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'network', text: { id: 'main.host.unreachable' } },
    });
  });
});
