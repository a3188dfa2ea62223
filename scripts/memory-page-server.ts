/**
 * The memory bench's web server, in its own process so that its pages (tens of MB) and sockets
 * are not counted in the RSS of the process being measured. Serves memory-pages.ts on a free
 * loopback port and tells its parent (over the fork channel) the port and what each page is.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildPages, wireBody, type PageInfo } from './memory-pages';

const pages = buildPages();
const byPath = new Map(pages.map((page) => [page.path, { page, wire: wireBody(page) }]));

const server = createServer((req, res) => {
  const entry = byPath.get(new URL(req.url ?? '/', 'http://x').pathname);
  if (!entry) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
    return;
  }
  const { page, wire } = entry;
  res.writeHead(page.status, {
    'content-type': page.contentType,
    'content-length': wire.length,
    ...(page.gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(wire);
});

server.listen(0, '127.0.0.1', () => {
  const info: PageInfo[] = pages.map(({ body, ...rest }) => ({ ...rest, bytes: body.length }));
  process.send?.({ port: (server.address() as AddressInfo).port, pages: info });
});

// The parent's end is ours: no orphan server left behind.
process.on('disconnect', () => process.exit(0));
