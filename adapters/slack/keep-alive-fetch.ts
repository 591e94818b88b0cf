// The Slack WebClient's transport: its documented `fetch` option, implemented on node:http(s) with keep-alive
// agents. Issue 22 measured a Web API call through the client at 0.7–1.0 ms of CPU with the default
// (globalThis.fetch, undici) and about a third of that over node:http — and every press makes one to four
// calls. Only what the client uses is implemented: POST of a string body, status, headers, text/json/arrayBuffer,
// an AbortSignal (its timeout). A FormData body (file uploads, which we never make) goes to globalThis.fetch.
import http from 'node:http';
import https from 'node:https';
import type { webApi } from '@slack/bolt';

type FetchFunction = webApi.FetchFunction;
type FetchRequestInit = Parameters<FetchFunction>[1] & object;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

class Headers {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  *entries(): Iterable<[string, string]> {
    for (const k of Object.keys(this.raw)) yield [k, this.get(k)!];
  }
}

function response(url: string, res: http.IncomingMessage, body: Buffer): FetchResponse {
  const status = res.statusCode ?? 0;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: new Headers(res.headers),
    arrayBuffer: () => Promise.resolve(new Uint8Array(body).buffer),
    json: () => Promise.resolve(JSON.parse(body.toString('utf8')) as unknown),
    text: () => Promise.resolve(body.toString('utf8')),
  };
}

export const keepAliveFetch: FetchFunction = (input, init: FetchRequestInit = {}) => {
  if (init.body !== undefined && typeof init.body !== 'string')
    return globalThis.fetch(input, init as RequestInit) as Promise<FetchResponse>;
  const url = new URL(String(input));
  const lib = url.protocol === 'https:' ? https : http;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const body = init.body;
  return new Promise<FetchResponse>((resolve, reject) => {
    const signal = init.signal;
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const req = lib.request(
      url,
      {
        method: init.method ?? 'GET',
        agent,
        headers: { ...init.headers, ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        // Redirects are refused, as the client asks (`redirect: 'error'`): Slack's Web API never redirects.
        if (init.redirect === 'error' && res.statusCode && res.statusCode >= 300 && res.statusCode < 400) {
          res.resume();
          return reject(new TypeError(`redirect to ${res.headers.location ?? '?'} refused`));
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve(response(url.href, res, Buffer.concat(chunks))));
      },
    );
    const abort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', abort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', abort));
    req.on('error', reject);
    req.end(body);
  });
};
