/**
 * The fetch hook's reading of an answer: events split across arbitrary chunks, and what the SDK is
 * handed (the same JSON without image bytes, which the gateway takes from the hook instead).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch, type TransportRecord } from '../../../../electron/services/gemini/transport';

const IMAGE = Buffer.alloc(300_000, 7).toString('base64');
const thought = { candidates: [{ content: { role: 'model', parts: [{ text: 'planning', thought: true }] } }] };
const final = { candidates: [{ content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: IMAGE } }] }, finishReason: 'STOP' }] };
const SSE = `data: ${JSON.stringify(thought)}\r\n\r\ndata: ${JSON.stringify(final)}\r\n\r\n`;

let server: http.Server;
let url = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/unary') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(final));
      return;
    }
    // Pieces of 7 bytes: every boundary, "\r\n\r\n" included, is cut somewhere.
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const bytes = Buffer.from(SSE);
    let at = 0;
    for (; at < 2_000; at += 7) res.write(bytes.subarray(at, at + 7));
    res.end(bytes.subarray(at));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const record = (): TransportRecord => ({ body: null, contentType: null, events: [], timedOut: false });

describe('guardedFetch', () => {
  it('reads a stream cut at every boundary into its events, and hands the SDK them without image bytes', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const rec = record();
    const res = await guardedFetch({ deadlineMs: 10_000, onEvent: (e) => seen.push(e), answerFromRecord: true }, rec)(`${url}/stream`);
    expect(rec.events).toEqual([thought, final]);
    expect(seen).toEqual([thought, final]);
    const forSdk = await res.text();
    expect(forSdk).not.toContain(IMAGE.slice(0, 100));
    const events = forSdk.split('\r\n\r\n').filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, '')) as typeof final);
    expect(events).toHaveLength(2);
    expect(events[1]!.candidates[0]!.content.parts[0]!.inlineData).toEqual({ mimeType: 'image/png', data: '' });
    expect(events[1]!.candidates[0]!.finishReason).toBe('STOP');
  });

  it('hands the SDK the whole answer when the caller reads it from the SDK (batch results)', async () => {
    const res = await guardedFetch({ deadlineMs: 10_000 }, record())(`${url}/unary`);
    expect(JSON.parse(await res.text())).toEqual(final);
    const streamed = await (await guardedFetch({ deadlineMs: 10_000 }, record())(`${url}/stream`)).text();
    expect(streamed).toContain(IMAGE);
  });

  it('keeps a unary answer parsed for the gateway, and hands the SDK it without image bytes', async () => {
    const rec = record();
    const res = await guardedFetch({ deadlineMs: 10_000, answerFromRecord: true }, rec)(`${url}/unary`);
    expect(rec.body).toEqual(final);
    expect(JSON.parse(await res.text())).toEqual({ candidates: [{ ...final.candidates[0], content: { role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: '' } }] } }] });
  });
});
