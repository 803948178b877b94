/**
 * HTTP over the simulated network: URL parsing, the client side programs use (resolve the host
 * through the pod's resolver, connect, send, wait for the reply or the timeout), and helpers for
 * servers. There is no TLS: `https://` URLs reach the same servers.
 */
import { type ExecEnv, type Deferred, awaitValue, waitForever } from '../containers/command.ts';
import { Connection, type HttpRequest, type HttpResponse, type Listener, type NetError } from './network.ts';
import type { Syscall } from '../containers/process.ts';

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

export function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(url.trim());
  if (!m || !m[2]) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] || '/';
  if (!path.startsWith('/')) path = `/${path}`;
  return { scheme, host: m[2], port, path };
}

export interface HttpCall {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export type HttpResult =
  | { ok: true; response: HttpResponse; ip: string; url: ParsedUrl }
  | { ok: false; error: NetError | 'resolve' | 'badurl'; ip?: string; url?: ParsedUrl };

/** Make one HTTP request from inside a container. */
export function* httpCall(env: ExecEnv, call: HttpCall): Generator<Syscall, HttpResult, unknown> {
  const url = parseUrl(call.url);
  if (!url) return { ok: false, error: 'badurl' };
  const answer = env.container.lookup(url.host);
  if (!answer) return { ok: false, error: 'resolve', url };
  const ip = answer.ips[0]!;
  const net = env.container.net;
  const conn = new Connection(net.podIp());
  const request: HttpRequest = {
    method: call.method ?? 'GET',
    path: url.path,
    host: url.port === 80 || url.port === 443 ? url.host : `${url.host}:${url.port}`,
    headers: call.headers ?? {},
    body: call.body ?? '',
    remoteAddr: net.podIp(),
  };
  const reply = net.network.exchange<HttpRequest, HttpResponse>(ip, url.port, 'http', request, conn, call.timeoutMs, net.podUid);
  const result = yield* awaitValue(env, reply);
  conn.close();
  if (!result || !result.ok) return { ok: false, error: result?.error ?? 'timeout', ip, url };
  return { ok: true, response: result.value, ip, url };
}

/** A TCP connect from inside a container (`nc -z`). */
export function* tcpConnect(env: ExecEnv, host: string, port: number, timeoutMs: number): Generator<Syscall, { ok: boolean; error?: NetError | 'resolve'; ip?: string }, unknown> {
  const answer = env.container.lookup(host);
  if (!answer) return { ok: false, error: 'resolve' };
  const ip = answer.ips[0]!;
  const r = yield* awaitValue(env, env.container.net.network.connect(ip, port, timeoutMs, env.container.net.podUid));
  return r?.ok ? { ok: true, ip } : { ok: false, error: r?.error ?? 'timeout', ip };
}

export function httpResponse(status: number, body: string, contentType = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': contentType, 'Content-Length': String(utf8Length(body)), ...extra }, body };
}

export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** An HTTP server listener from a request handler. */
export function httpListener(handle: (req: HttpRequest) => HttpResponse | Deferred<HttpResponse>): Listener<HttpRequest, HttpResponse> {
  return { protocol: 'http', handle: (req) => handle(req) };
}

/** Keep the calling program alive serving until it is killed (servers' main loop). */
export const serveForever = waitForever;
