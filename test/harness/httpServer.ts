import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AppRequestHandler } from '../../electron/services/protocol/appRequestHandler';

/**
 * Serves a fetch-style handler on loopback: the same function Electron registers for app://.
 * The `handler` can be swapped (the harness restarts services on the same port).
 */
export async function serveOnLoopback(getHandler: () => AppRequestHandler): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    void getHandler()(new Request(new URL(req.url ?? '/', origin), { method: req.method ?? 'GET', headers }))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (!response.body) return res.end();
        Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
