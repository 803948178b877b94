/**
 * Network tools over the simulated cluster network: `ping` (ICMP to pod and node IPs; ClusterIPs
 * do not answer, as with kube-proxy's iptables mode), `nslookup`, `wget`, `curl` and `nc -z`.
 * busybox and Debian (iputils, bind9-dnsutils, GNU wget) print differently, as here.
 */
import { type CommandImpl, type ExecEnv, sleepFor } from '../command.ts';
import type { CommandTable } from '../images/image.ts';
import { DNS_SERVICE_IP, ClusterDns } from '../../net/dns.ts';
import { type HttpResult, STATUS_TEXT, httpCall, tcpConnect, utf8Length } from '../../net/http.ts';
import { basename, normalizePath } from '../fs.ts';
import { parseArgs, type Dialect } from './coreutils.ts';
import { strftime } from './system.ts';
import type { Syscall } from '../process.ts';

type Gen = Generator<Syscall, number, unknown>;

/** Round-trip time of one ping, in ms (same node is faster). */
function rtt(env: ExecEnv, target: string): number {
  const sameNode = target.split('.').slice(0, 3).join('.') === env.container.net.podIp().split('.').slice(0, 3).join('.');
  const ms = sameNode ? 0.04 + env.container.rng.next() * 0.08 : 0.3 + env.container.rng.next() * 0.9;
  return Math.round(ms * 1000) / 1000;
}

function ping(dialect: Dialect): CommandImpl {
  return function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['c', 'W', 'w', 'i', 's', 't']);
    const host = operands[0];
    if (!host) {
      env.io.err(dialect === 'busybox' ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n' : 'ping: usage error: Destination address required\n');
      return dialect === 'busybox' ? 1 : 2;
    }
    const answer = env.container.lookup(host);
    if (!answer) {
      env.io.err(dialect === 'busybox' ? `ping: bad address '${host}'\n` : `ping: ${host}: Name or service not known\n`);
      return dialect === 'busybox' ? 1 : 2;
    }
    const ip = answer.ips[0]!;
    const count = flags.has('c') ? Math.max(1, parseInt(flags.get('c')!, 10) || 1) : Infinity;
    const waitMs = (parseFloat(flags.get('W') ?? '10') || 10) * 1000;
    const intervalMs = (parseFloat(flags.get('i') ?? '1') || 1) * 1000;
    const quiet = flags.has('q');
    const shown = dialect === 'busybox' ? host : answer.fqdn;
    env.io.out(dialect === 'busybox' ? `PING ${host} (${ip}): 56 data bytes\n` : `PING ${shown} (${ip}) 56(84) bytes of data.\n`);
    const times: number[] = [];
    let sent = 0;
    const ttl = ip.split('.').slice(0, 3).join('.') === env.container.net.podIp().split('.').slice(0, 3).join('.') ? 64 : 62;
    const startMs = env.container.now();
    while (sent < count) {
      const alive = env.container.net.network.pingable(ip);
      sent++;
      if (alive) {
        const t = rtt(env, ip);
        times.push(t);
        yield* sleepFor(env, 1);
        if (!quiet) env.io.out(dialect === 'busybox' ? `64 bytes from ${ip}: seq=${sent - 1} ttl=${ttl} time=${t.toFixed(3)} ms\n` : `64 bytes from ${shown} (${ip}): icmp_seq=${sent} ttl=${ttl} time=${t < 1 ? t.toFixed(3) : t.toFixed(2)} ms\n`);
        if (sent < count) yield* sleepFor(env, intervalMs - 1);
      } else {
        yield* sleepFor(env, sent < count ? intervalMs : waitMs);
      }
    }
    const received = times.length;
    const loss = Math.round(((sent - received) / sent) * 100);
    const elapsed = env.container.now() - startMs;
    if (dialect === 'busybox') {
      env.io.out(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`);
      if (received > 0) env.io.out(`round-trip min/avg/max = ${stats(times).map((n) => n.toFixed(3)).join('/')} ms\n`);
    } else {
      env.io.out(`\n--- ${shown} ping statistics ---\n${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${received > 1 ? elapsed : 0}ms\n`);
      if (received > 0) {
        const [min, avg, max] = stats(times);
        const mdev = Math.sqrt(times.reduce((n, t) => n + (t - avg!) ** 2, 0) / times.length);
        env.io.out(`rtt min/avg/max/mdev = ${[min!, avg!, max!, mdev].map((n) => n.toFixed(3)).join('/')} ms\n`);
      }
    }
    return received > 0 ? 0 : 1;
  };
}

function stats(times: number[]): number[] {
  return [Math.min(...times), times.reduce((a, b) => a + b, 0) / times.length, Math.max(...times)];
}

function nslookup(dialect: Dialect): CommandImpl {
  return function* (env): Gen {
    const name = parseArgs(env.argv).operands[0];
    if (!name) {
      env.io.err('Usage: nslookup [HOST] [SERVER]\n');
      return 1;
    }
    yield* sleepFor(env, 2);
    const port = dialect === 'busybox' ? `${DNS_SERVICE_IP}:53` : `${DNS_SERVICE_IP}#53`;
    env.io.out(`Server:\t\t${DNS_SERVICE_IP}\nAddress:\t${port}\n\n`);
    const answer = env.container.net.network.dns.lookup(name, env.container.net.namespace);
    if (!answer) {
      if (dialect === 'busybox') {
        for (const c of ClusterDns.candidates(name, env.container.net.namespace)) env.io.out(`** server can't find ${c}: NXDOMAIN\n\n`);
      } else env.io.out(`** server can't find ${name}: NXDOMAIN\n\n`);
      return 1;
    }
    for (const ip of answer.ips) env.io.out(`Name:\t${answer.fqdn}\nAddress: ${ip}\n`);
    env.io.out('\n');
    return 0;
  };
}

/** Reasons for a failed request, as each tool words them. */
function failure(r: Extract<HttpResult, { ok: false }>, host: string): { wget: string; curl: [number, string] } {
  const port = r.url?.port ?? 80;
  switch (r.error) {
    case 'resolve':
      return { wget: `bad address '${host}'`, curl: [6, `Could not resolve host: ${host}`] };
    case 'refused':
      return { wget: `can't connect to remote host (${r.ip}): Connection refused`, curl: [7, `Failed to connect to ${host} port ${port} after 1 ms: Couldn't connect to server`] };
    case 'reset':
      return { wget: 'error getting response: Connection reset by peer', curl: [52, 'Empty reply from server'] };
    case 'badurl':
      return { wget: `not an http or ftp url: ${host}`, curl: [3, 'URL rejected: Malformed input to a URL function'] };
    default:
      return { wget: 'download timed out', curl: [28, `Connection timed out after ${0} milliseconds`] };
  }
}

function wget(dialect: Dialect): CommandImpl {
  return function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['O', 'T', 'U', 'header', 'output-document', 'timeout', 'post-data']);
    const url = operands[0];
    if (!url) {
      env.io.err(dialect === 'busybox' ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n' : "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
      return 1;
    }
    const quiet = flags.has('q') || flags.has('quiet');
    const output = flags.get('O') ?? flags.get('output-document');
    const timeoutMs = (parseFloat(flags.get('T') ?? flags.get('timeout') ?? (dialect === 'busybox' ? '900' : '900')) || 900) * 1000;
    const post = flags.get('post-data');
    const target = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
    const host = /^[a-z]+:\/\/([^/:]+)/i.exec(target)?.[1] ?? url;
    if (!quiet) env.io.err(dialect === 'busybox' ? '' : `--${strftime('%Y-%m-%d %H:%M:%S', env.container.now())}--  ${target}\n`);
    const r = yield* httpCall(env, { url: target, method: post !== undefined ? 'POST' : flags.has('spider') ? 'HEAD' : 'GET', body: post ?? '', headers: { 'User-Agent': dialect === 'busybox' ? 'Wget' : 'Wget/1.21.3', Accept: '*/*' }, timeoutMs });
    if (!r.ok) {
      if (dialect === 'busybox' && !quiet && r.ip) env.io.err(`Connecting to ${host} (${r.ip}:${r.url?.port ?? 80})\n`);
      const f = failure(r, host);
      env.io.err(dialect === 'busybox' ? `wget: ${f.wget}\n` : r.error === 'resolve' ? `wget: unable to resolve host address '${host}'\n` : `Connecting to ${host} (${host})|${r.ip}|:${r.url?.port ?? 80}... failed: ${r.error === 'refused' ? 'Connection refused' : 'Connection timed out'}.\n`);
      return r.error === 'resolve' ? (dialect === 'busybox' ? 1 : 4) : dialect === 'busybox' ? 1 : 4;
    }
    const res = r.response;
    if (!quiet) {
      if (dialect === 'busybox') env.io.err(`Connecting to ${host} (${r.ip}:${r.url.port})\n`);
      else env.io.err(`Resolving ${host} (${host})... ${r.ip}\nConnecting to ${host} (${host})|${r.ip}|:${r.url.port}... connected.\nHTTP request sent, awaiting response... ${res.status} ${STATUS_TEXT[res.status] ?? ''}\n`);
    }
    if (res.status >= 400) {
      env.io.err(dialect === 'busybox' ? `wget: server returned error: HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? ''}\n` : `${strftime('%Y-%m-%d %H:%M:%S', env.container.now())} ERROR ${res.status}: ${STATUS_TEXT[res.status] ?? ''}.\n\n`);
      return dialect === 'busybox' ? 1 : 8;
    }
    if (flags.has('spider')) {
      if (!quiet && dialect === 'busybox') env.io.err('remote file exists\n');
      return 0;
    }
    const file = output ?? (basename(r.url.path) === '/' || r.url.path.endsWith('/') ? 'index.html' : basename(r.url.path));
    const size = utf8Length(res.body);
    if (file === '-') {
      if (!quiet && dialect === 'busybox') env.io.err(`writing to stdout\n`);
      env.io.out(res.body);
      if (!quiet && dialect === 'busybox') env.io.err(`-                    100% |********************************|  ${String(size).padStart(4)}  0:00:00 ETA\nwritten to stdout\n`);
      return 0;
    }
    const err = file === '/dev/null' ? undefined : env.container.fs.write(normalizePath(file, env.cwd), res.body);
    if (err) {
      env.io.err(dialect === 'busybox' ? `wget: can't open '${file}': ${err === 'ENOENT' ? 'No such file or directory' : 'Read-only file system'}\n` : `${file}: ${err === 'ENOENT' ? 'No such file or directory' : 'Read-only file system'}\n`);
      return 1;
    }
    if (!quiet) {
      if (dialect === 'busybox') env.io.err(`saving to '${file}'\n${file.padEnd(20)} 100% |********************************|  ${String(size).padStart(4)}  0:00:00 ETA\n'${file}' saved\n`);
      else env.io.err(`Length: ${size} [${res.headers['Content-Type']?.split(';')[0] ?? 'text/plain'}]\nSaving to: '${file}'\n\n${strftime('%Y-%m-%d %H:%M:%S', env.container.now())} (${size} B/s) - '${file}' saved [${size}/${size}]\n\n`);
    }
    return 0;
  };
}

const curl: CommandImpl = function* (env): Gen {
  const { flags, operands } = parseArgs(env.argv, ['o', 'X', 'd', 'H', 'm', 'w', 'A', 'u', 'data', 'request', 'header', 'max-time', 'connect-timeout', 'write-out', 'output', 'user-agent', 'data-raw']);
  const url = operands[0];
  if (!url) {
    env.io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const silent = flags.has('s') || flags.has('silent');
  const showError = flags.has('S') || flags.has('show-error');
  const data = flags.get('d') ?? flags.get('data') ?? flags.get('data-raw');
  const method = flags.get('X') ?? flags.get('request') ?? (flags.has('I') || flags.has('head') ? 'HEAD' : data !== undefined ? 'POST' : 'GET');
  const maxTime = parseFloat(flags.get('m') ?? flags.get('max-time') ?? '0') * 1000;
  const connectTimeout = parseFloat(flags.get('connect-timeout') ?? '0') * 1000;
  const timeoutMs = maxTime || connectTimeout || 300_000;
  const header = flags.get('H') ?? flags.get('header');
  const headers: Record<string, string> = { 'User-Agent': flags.get('A') ?? flags.get('user-agent') ?? 'curl/8.11.1', Accept: '*/*' };
  if (header && header.includes(':')) headers[header.slice(0, header.indexOf(':')).trim()] = header.slice(header.indexOf(':') + 1).trim();
  const target = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(target)?.[1] ?? url;
  const startMs = env.container.now();
  const r = yield* httpCall(env, { url: target, method, headers, body: data ?? '', timeoutMs });
  const output = flags.get('o') ?? flags.get('output');
  if (!r.ok) {
    const [code, message] = failure(r, host).curl;
    const text = code === 28 ? `${maxTime ? 'Operation' : 'Connection'} timed out after ${env.container.now() - startMs} milliseconds${maxTime ? ' with 0 bytes received' : ''}` : message;
    if (!silent || showError) env.io.err(`curl: (${code}) ${text}\n`);
    return code;
  }
  const res = r.response;
  if ((flags.has('f') || flags.has('fail')) && res.status >= 400) {
    if (!silent || showError) env.io.err(`curl: (22) The requested URL returned error: ${res.status}\n`);
    return 22;
  }
  const head = `HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? ''}\r\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const body = method === 'HEAD' ? head : `${flags.has('i') || flags.has('include') ? head : ''}${res.body}`;
  const writeOutFormat = flags.get('w') ?? flags.get('write-out');
  const writeOut = writeOutFormat ? writeOutFormat.replace(/%\{http_code\}/g, String(res.status)).replace(/%\{response_code\}/g, String(res.status)).replace(/\\n/g, '\n') : '';
  // stdout is never a terminal in a container, so curl shows its progress meter unless -s.
  if (!silent) {
    const size = utf8Length(res.body);
    env.io.err(`  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${String(size).padStart(5)}  100 ${String(size).padStart(5)}    0     0  ${String(size * 1000).padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${String(size * 1000).padStart(5)}\n`);
  }
  if (output !== undefined && output !== '-' && output !== '/dev/stdout') {
    const err = output === '/dev/null' ? undefined : env.container.fs.write(normalizePath(output, env.cwd), body);
    if (err) {
      if (!silent || showError) env.io.err(`curl: (23) Failure writing output to destination\n`);
      return 23;
    }
    env.io.out(writeOut);
    return 0;
  }
  env.io.out(body + writeOut);
  return 0;
};

function nc(dialect: Dialect): CommandImpl {
  return function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['w']);
    const [host, portText] = operands;
    const port = Number(portText);
    if (!host || !Number.isInteger(port)) {
      env.io.err(dialect === 'busybox' ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n' : 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n');
      return 1;
    }
    const timeoutMs = (parseFloat(flags.get('w') ?? '10') || 10) * 1000;
    const r = yield* tcpConnect(env, host, port, timeoutMs);
    if (r.ok) {
      if (flags.has('v')) env.io.err(dialect === 'busybox' ? `${host} (${r.ip}:${port}) open\n` : `Connection to ${host} (${r.ip}) ${port} port [tcp/*] succeeded!\n`);
      return 0;
    }
    if (r.error === 'resolve') env.io.err(dialect === 'busybox' ? `nc: bad address '${host}'\n` : `nc: getaddrinfo for host "${host}" port ${port}: Name or service not known\n`);
    else if (flags.has('v') || dialect === 'busybox') env.io.err(dialect === 'busybox' ? `nc: ${r.error === 'timeout' ? 'timed out' : `can't connect to remote host (${r.ip}): Connection refused`}\n` : `nc: connect to ${host} (${r.ip}) port ${port} (tcp) failed: Connection refused\n`);
    return 1;
  };
}

export function netUtils(dialect: Dialect): CommandTable {
  return { ping: ping(dialect), nslookup: nslookup(dialect), wget: wget(dialect), nc: nc(dialect) };
}

export { curl };
