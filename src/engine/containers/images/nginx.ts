/**
 * nginx (the official image): the entrypoint's configuration messages, then nginx serving
 * /usr/share/nginx/html (mount a ConfigMap there to change the page) on the port `listen` names in
 * /etc/nginx/conf.d (80 by default), with combined-format access logs on stdout. Its stop signal
 * (SIGQUIT) makes it exit 0 promptly.
 */
import type { CommandImpl } from '../command.ts';
import type { ImageSpec } from './image.ts';
import { debianTools } from './debian.ts';
import { curl } from '../commands/netutils.ts';
import { strftime } from '../commands/system.ts';
import { STANDARD_PATH } from './busybox.ts';
import { httpListener, httpResponse, serveForever, utf8Length } from '../../net/http.ts';
import { failed, normalizePath } from '../fs.ts';
import { memoByString } from '../../api/memo.ts';

export const NGINX_VERSION = '1.27.3';

const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NOT_FOUND = `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;

const DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }
}
`;

/** strftime for a format of whole seconds, remembering the last second formatted (start-ups and requests bunch up). */
function secondsClock(format: string): (ms: number) => string {
  let second = Number.NaN;
  let text = '';
  return (ms) => {
    if (Math.floor(ms / 1000) !== second) {
      second = Math.floor(ms / 1000);
      text = strftime(format, ms);
    }
    return text;
  };
}

const errorLogTime = secondsClock('%Y/%m/%d %H:%M:%S');
const accessLogTime = secondsClock('%d/%b/%Y:%H:%M:%S %z');

/** The ports a configuration file's `listen` directives name (most pods share the image's file). */
const portsOf = memoByString((conf) => [...conf.matchAll(/^\s*listen\s+(\d+)/gm)].map((m) => Number(m[1])), 64);

const START_NOTICES = [`using the "epoll" event method`, `nginx/${NGINX_VERSION}`, 'built by gcc 12.2.0 (Debian 12.2.0-14)', 'OS: Linux 6.8.0-1019-gcp', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes', 'start worker process 29'];

/** The start-up notices, all written in the same instant (one text per second: start-ups bunch up). */
const startNotices = memoByString((startedAt) => START_NOTICES.map((l) => `${startedAt} [notice] 1#1: ${l}\n`).join(''), 4);

const nginxServer: CommandImpl = function* (env) {
  if (env.process) env.process.onTerm = { exit: 0 };
  const fs = env.container.fs;
  const conf = fs.list('/etc/nginx/conf.d');
  const ports: number[] = [];
  if (!failed(conf)) {
    for (const e of conf) {
      const text = fs.read(`/etc/nginx/conf.d/${e.name}`);
      if (!failed(text)) for (const port of portsOf(text)) if (!ports.includes(port)) ports.push(port);
    }
  }
  if (ports.length === 0) ports.push(80);
  env.io.err(startNotices(errorLogTime(env.container.now())));
  const listener = httpListener((req) => {
    let path = normalizePath(req.path.split('?')[0] ?? '/');
    if (fs.stat(`/usr/share/nginx/html${path}`) === 'dir') path = `${path === '/' ? '' : path}/index.html`;
    const body = fs.read(`/usr/share/nginx/html${path}`);
    const res = failed(body) ? httpResponse(404, NOT_FOUND, 'text/html') : httpResponse(200, body, path.endsWith('.html') ? 'text/html' : 'text/plain');
    res.headers.Server = `nginx/${NGINX_VERSION}`;
    env.io.out(`${req.remoteAddr} - - [${accessLogTime(env.container.now())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${utf8Length(res.body)} "-" "${req.headers['User-Agent'] ?? '-'}" "-"\n`);
    return res;
  });
  for (const port of ports) env.container.listen(port, listener);
  return yield* serveForever();
};

const ENTRYPOINT_NOTICES = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
]
  .map((l) => `${l}\n`)
  .join('');

/** /docker-entrypoint.sh: announces its configuration steps, then runs the command. */
const entrypoint: CommandImpl = function* (env) {
  const args = env.argv.slice(1);
  if (args[0] === 'nginx' || args[0] === 'nginx-debug') {
    env.io.out(ENTRYPOINT_NOTICES);
  }
  if (args.length === 0) return 0;
  const found = env.container.resolve(args, env.env, env.cwd);
  if (!found.ok) {
    env.io.err(`/docker-entrypoint.sh: 47: exec: ${args[0]}: not found\n`);
    return 127;
  }
  return yield* found.impl({ ...env, argv: found.argv });
};

export const nginx: ImageSpec = {
  family: 'nginx',
  sizeBytes: 72_099_000,
  entrypoint: ['/docker-entrypoint.sh'],
  cmd: ['nginx', '-g', 'daemon off;'],
  env: { PATH: STANDARD_PATH, NGINX_VERSION, NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' },
  files: { '/usr/share/nginx/html/index.html': WELCOME, '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n', '/etc/nginx/conf.d/default.conf': DEFAULT_CONF },
  commands: { ...debianTools('debian'), nginx: nginxServer, 'nginx-debug': nginxServer, curl },
  paths: { '/docker-entrypoint.sh': entrypoint },
  shell: 'dash',
};
