/**
 * Answers from a server that breaks the wire (issue 10, "The network"): each is something a
 * broken proxy, a captive portal or a load balancer really sends. The client must name each one
 * and never wait on it for ever.
 */
import type { Reply } from './context';
import type { BrokenHow } from './types';

const JSON_TYPE = 'application/json; charset=UTF-8';

/** A plausible answer body, long enough to be cut in half. */
const SAMPLE = JSON.stringify({
  candidates: [{ content: { role: 'model', parts: [{ text: 'x'.repeat(2_000) }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 10, totalTokenCount: 10 },
});

const DEPTH = 100_000;

/** Well-formed JSON that is not the shape of an answer; what a confused proxy or a changed API could send. */
function misshapenAnswer(how: 'partsObject' | 'textNumber' | 'deepNesting'): string {
  const usageMetadata = { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 };
  if (how === 'deepNesting') {
    // Built as text: a value this deep would overflow the stack of anything recursive, the fake included.
    const deep = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
    return `{"candidates":[{"content":{"role":"model","parts":[{"text":"a fox","extra":${deep}}]},"finishReason":"STOP","index":0}],"usageMetadata":${JSON.stringify(usageMetadata)}}`;
  }
  const parts = how === 'partsObject' ? { text: 'a fox' } : [{ text: 42 }];
  return JSON.stringify({ candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata });
}

export function brokenReply(how: BrokenHow, location: string | undefined, selfUrl: string, stream = false): Reply {
  switch (how) {
    case 'partsObject':
    case 'textNumber':
    case 'deepNesting': {
      const body = misshapenAnswer(how);
      return stream
        ? { type: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: `data: ${body}\r\n\r\n`, then: 'end' }
        : { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE }, body, then: 'end' };
    }
    case 'truncate':
      // Announces the whole length, sends half, closes: the client reads a short body.
      return { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE, 'content-length': String(SAMPLE.length) }, body: SAMPLE.slice(0, SAMPLE.length / 2), then: 'destroy' };
    case 'reset':
      return { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE, 'content-length': String(SAMPLE.length) }, body: SAMPLE.slice(0, 100), then: 'reset' };
    case 'endless':
      return { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE }, body: '{"candidates":[', then: 'endless' };
    case 'badGzip':
      return { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE, 'content-encoding': 'gzip' }, body: Buffer.from('this is not gzip at all, only pretending'), then: 'end' };
    case 'bigHeader':
      return { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE, 'x-padding': 'p'.repeat(100 * 1024) }, body: SAMPLE, then: 'end' };
    case 'redirect':
      // Default: back to the same path, i.e. a loop.
      return { type: 'raw', status: 302, headers: { location: location ?? selfUrl }, body: '', then: 'end' };
    case 'html502':
      return {
        type: 'raw',
        status: 502,
        headers: { 'content-type': 'text/html; charset=UTF-8' },
        body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>' + '<!-- pad -->'.repeat(200) + '</body></html>',
        then: 'end',
      };
    case 'html200':
      return {
        type: 'raw',
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<html><head><title>Hotel Wi-Fi — Sign in</title></head><body><form>Accept the terms to continue</form></body></html>',
        then: 'end',
      };
    case 'empty200':
      return { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE }, body: '', then: 'end' };
    case 'badJson':
      return { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE }, body: '{"candidates": [{"content": ', then: 'end' };
    case 'error200':
      return { type: 'raw', status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify({ error: { code: 500, message: 'backend error', status: 'INTERNAL' } }), then: 'end' };
  }
}
