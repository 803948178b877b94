/**
 * hashicorp/http-echo: a static Go binary, no shell. `-text=...` is the reply to every request,
 * `-listen=:PORT` (default :5678), `-status-code=N`. Logs each request; exits 0 on SIGTERM.
 */
import type { CommandImpl } from '../command.ts';
import type { ImageSpec } from './image.ts';
import { strftime } from '../commands/system.ts';
import { httpListener, httpResponse, serveForever, utf8Length } from '../../net/http.ts';

const server: CommandImpl = function* (env) {
  if (env.process) env.process.onTerm = { exit: 0 };
  let text: string | undefined;
  let port = 5678;
  let status = 200;
  for (const a of env.argv.slice(1)) {
    const m = /^--?([\w-]+)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    if (m[1] === 'text') text = m[2] ?? '';
    else if (m[1] === 'listen') port = Number((m[2] ?? ':5678').split(':').pop());
    else if (m[1] === 'status-code') status = Number(m[2] ?? 200);
    else if (m[1] === 'version') {
      env.io.out('v1.0.0\n');
      return 0;
    }
  }
  const now = () => strftime('%Y/%m/%d %H:%M:%S', env.container.now());
  if (text === undefined) {
    env.io.err(`${now()} [ERR] no text given! Use "-text" or "ECHO_TEXT".\n`);
    return 127;
  }
  const body = `${text}\n`;
  env.container.listen(
    port,
    httpListener((req) => {
      env.io.err(`${now()} ${req.host} ${req.remoteAddr}:${40000 + (utf8Length(req.path) % 20000)} "${req.method} ${req.path} HTTP/1.1" ${status} ${utf8Length(body)} "${req.headers['User-Agent'] ?? ''}" 23.1µs\n`);
      return httpResponse(status, body, 'text/plain; charset=utf-8', { 'X-App-Name': 'http-echo', 'X-App-Version': '1.0.0' });
    }),
  );
  env.io.err(`${now()} [INFO] server is listening on :${port}\n`);
  return yield* serveForever();
};

export const httpEcho: ImageSpec = {
  family: 'http-echo',
  sizeBytes: 3_842_000,
  entrypoint: ['/http-echo'],
  env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
  files: {},
  commands: {},
  paths: { '/http-echo': server },
  shell: 'ash',
};
