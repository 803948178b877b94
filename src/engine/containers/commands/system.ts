/* eslint-disable require-yield -- programs and built-ins are generators even when they finish without waiting */
/**
 * System utilities: `date` (virtual clock, UTC, busybox/GNU default format and `+FORMAT`),
 * `sleep`, `env`, `printenv`, `hostname`, `uname`, `id`, `whoami`, `nproc`, and Debian's
 * `apt-get` (installs the image family's known packages; needs `apt-get update` first, as on a
 * fresh image whose package lists were cleaned).
 */
import { type CommandImpl, type ExecEnv, sleepFor } from '../command.ts';
import { type CommandTable } from '../images/image.ts';
import { toCivil, formatUnixDate, utcMs } from '../../api/time.ts';
import { parseArgs, type Dialect } from './coreutils.ts';
import type { Syscall } from '../process.ts';

type Gen = Generator<Syscall, number, unknown>;

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** strftime over UTC virtual time. */
export function strftime(format: string, ms: number): string {
  const c = toCivil(ms);
  const dayOfYear = Math.floor((ms - utcMs(c.year, 1, 1)) / 86_400_000) + 1;
  return format.replace(/%([%a-zA-Z:]|-[dHMSmI]|:z)/g, (m, f: string) => {
    switch (f) {
      case '%':
        return '%';
      case 'a':
        return DAYS[c.weekday]!.slice(0, 3);
      case 'A':
        return DAYS[c.weekday]!;
      case 'b':
      case 'h':
        return MONTHS[c.month - 1]!.slice(0, 3);
      case 'B':
        return MONTHS[c.month - 1]!;
      case 'c':
        return formatUnixDate(ms).replace(' UTC', '');
      case 'C':
        return pad(Math.floor(c.year / 100));
      case 'd':
        return pad(c.day);
      case '-d':
        return String(c.day);
      case 'D':
        return `${pad(c.month)}/${pad(c.day)}/${pad(c.year % 100)}`;
      case 'e':
        return pad(c.day, 2, ' ');
      case 'F':
        return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
      case 'H':
        return pad(c.hour);
      case '-H':
        return String(c.hour);
      case 'I':
        return pad(c.hour % 12 || 12);
      case 'j':
        return pad(dayOfYear, 3);
      case 'k':
        return pad(c.hour, 2, ' ');
      case 'm':
        return pad(c.month);
      case '-m':
        return String(c.month);
      case 'M':
        return pad(c.minute);
      case 'N':
        return pad(c.millisecond * 1_000_000, 9);
      case 'n':
        return '\n';
      case 'p':
        return c.hour < 12 ? 'AM' : 'PM';
      case 'r':
        return `${pad(c.hour % 12 || 12)}:${pad(c.minute)}:${pad(c.second)} ${c.hour < 12 ? 'AM' : 'PM'}`;
      case 'R':
        return `${pad(c.hour)}:${pad(c.minute)}`;
      case 's':
        return String(Math.floor(ms / 1000));
      case 'S':
        return pad(c.second);
      case 't':
        return '\t';
      case 'T':
        return `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
      case 'u':
        return String(c.weekday || 7);
      case 'w':
        return String(c.weekday);
      case 'y':
        return pad(c.year % 100);
      case 'Y':
        return String(c.year);
      case 'z':
        return '+0000';
      case ':z':
        return '+00:00';
      case 'Z':
        return 'UTC';
      default:
        return m;
    }
  });
}

/** `sleep 5`, `sleep 1.5`, `sleep 2m`, `sleep infinity`: milliseconds, or undefined when invalid. */
export function parseSleep(arg: string): number | undefined {
  if (/^inf(inity)?$/i.test(arg)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!]!;
  return Math.round(parseFloat(m[1]!) * unit);
}

export function systemUtils(dialect: Dialect): CommandTable {
  const date: CommandImpl = function* (env): Gen {
    const { flags, operands } = parseArgs(env.argv, ['d', 'date', 'I']);
    let ms = env.container.now();
    const d = flags.get('d') ?? flags.get('date');
    if (d !== undefined) {
      const at = /^@(\d+)$/.exec(d);
      if (!at) {
        env.io.err(dialect === 'busybox' ? `date: invalid date '${d}'\n` : `date: invalid date '${d}'\n`);
        return 1;
      }
      ms = Number(at[1]) * 1000;
    }
    const format = operands.find((o) => o.startsWith('+'));
    if (format) env.io.out(`${strftime(format.slice(1), ms)}\n`);
    else if (flags.has('I') || flags.has('iso-8601')) env.io.out(`${strftime(flags.get('I') === 'seconds' || flags.get('iso-8601') === 'seconds' ? '%Y-%m-%dT%H:%M:%S%:z' : '%Y-%m-%d', ms)}\n`);
    else if (flags.has('R') || flags.has('rfc-email')) env.io.out(`${strftime('%a, %d %b %Y %H:%M:%S %z', ms)}\n`);
    else env.io.out(`${formatUnixDate(ms)}\n`);
    return 0;
  };

  const sleep: CommandImpl = function* (env): Gen {
    const args = env.argv.slice(1);
    if (args.length === 0) {
      env.io.err(dialect === 'busybox' ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : "sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const a of args) {
      const ms = parseSleep(a);
      if (ms === undefined) {
        env.io.err(dialect === 'busybox' ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      total += ms;
    }
    if (total === Infinity) {
      for (;;) yield* sleepFor(env, 86_400_000);
    }
    yield* sleepFor(env, total);
    return 0;
  };

  const envCmd: CommandImpl = function* (env): Gen {
    const args = env.argv.slice(1);
    let vars: Record<string, string> = { ...env.env };
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-i' || a === '-') vars = {};
      else if (a === '-u') delete vars[args[++i] ?? ''];
      else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) vars[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
      else break;
    }
    if (i >= args.length) {
      env.io.out(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    const argv = args.slice(i);
    const found = env.container.resolve(argv, vars, env.cwd);
    if (!found.ok) {
      env.io.err(dialect === 'busybox' ? `env: can't execute '${argv[0]}': No such file or directory\n` : `env: '${argv[0]}': No such file or directory\n`);
      return 127;
    }
    return yield* found.impl({ ...env, argv: found.argv, env: vars });
  };

  const printenv: CommandImpl = function* (env): Gen {
    const names = env.argv.slice(1);
    if (names.length === 0) {
      env.io.out(Object.entries(env.env).map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    let status = 0;
    for (const n of names) {
      if (n in env.env) env.io.out(`${env.env[n]}\n`);
      else status = 1;
    }
    return status;
  };

  const hostname: CommandImpl = function* (env): Gen {
    const { flags } = parseArgs(env.argv);
    if (flags.has('i') || flags.has('I')) env.io.out(`${env.container.net.podIp()}${flags.has('I') ? ' ' : ''}\n`);
    else env.io.out(`${env.container.hostname}\n`);
    return 0;
  };

  const uname: CommandImpl = function* (env): Gen {
    const { flags } = parseArgs(env.argv);
    const all = flags.has('a');
    const parts: string[] = [];
    if (all || flags.has('s') || flags.size === 0) parts.push('Linux');
    if (all || flags.has('n')) parts.push(env.container.hostname);
    if (all || flags.has('r')) parts.push('6.8.0-1019-gcp');
    if (all || flags.has('v')) parts.push('#21~22.04.1-Ubuntu SMP Tue Dec 10 12:00:00 UTC 2024');
    if (all || flags.has('m')) parts.push('x86_64');
    if (all) parts.push('GNU/Linux');
    env.io.out(`${parts.join(' ')}\n`);
    return 0;
  };

  const fixed = (text: string): CommandImpl =>
    function* (env): Gen {
      env.io.out(text);
      return 0;
    };

  return {
    date,
    sleep,
    env: envCmd,
    printenv,
    hostname,
    uname,
    whoami: fixed('root\n'),
    id: fixed(dialect === 'busybox' ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n'),
    nproc: fixed('4\n'),
  };
}

/** Debian's apt-get over an image family's known packages. */
export function aptGet(distro: 'debian' | 'ubuntu'): CommandImpl {
  return function* (env: ExecEnv): Gen {
    const args = env.argv.slice(1);
    const verb = args.find((a) => !a.startsWith('-'));
    const yes = args.some((a) => a === '-y' || a === '--yes' || a === '-qy' || a === '-yq' || a === '--assume-yes');
    const mirror = distro === 'ubuntu' ? 'http://archive.ubuntu.com/ubuntu jammy' : 'http://deb.debian.org/debian bookworm';
    const fs = env.container.fs;
    if (verb === 'update') {
      const lines = distro === 'ubuntu' ? ['Get:1 http://security.ubuntu.com/ubuntu jammy-security InRelease [129 kB]', `Get:2 ${mirror} InRelease [270 kB]`, `Get:3 ${mirror}/main amd64 Packages [1792 kB]`, 'Fetched 19.3 MB in 3s (6712 kB/s)'] : [`Get:1 ${mirror} InRelease [151 kB]`, `Get:2 ${mirror}-updates InRelease [55.4 kB]`, `Get:3 ${mirror}/main amd64 Packages [8792 kB]`, 'Fetched 9253 kB in 2s (4617 kB/s)'];
      for (const l of lines) {
        yield* sleepFor(env, 600);
        env.io.out(`${l}\n`);
      }
      env.io.out('Reading package lists...\n');
      fs.mkdir('/var/lib/apt/lists', true);
      fs.write('/var/lib/apt/lists/lock', '');
      return 0;
    }
    if (verb === 'install') {
      const wanted = args.slice(args.indexOf('install') + 1).filter((a) => !a.startsWith('-'));
      env.io.out('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
      const known = env.container.image.packages ?? {};
      const updated = fs.stat('/var/lib/apt/lists/lock') === 'file';
      for (const p of wanted) {
        if (!updated || !(p in known)) {
          env.io.err(`E: Unable to locate package ${p}\n`);
          return 100;
        }
      }
      const fresh = wanted.filter((p) => !env.container.installed.includes(p));
      if (fresh.length > 0) {
        env.io.out(`The following NEW packages will be installed:\n  ${fresh.join(' ')}\n`);
        env.io.out(`0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\n`);
        if (!yes) {
          env.io.out('Do you want to continue? [Y/n] Abort.\n');
          return 1;
        }
        yield* sleepFor(env, 1500 + 900 * fresh.length);
        fresh.forEach((p, i) => env.io.out(`Get:${i + 1} ${mirror}/main amd64 ${p} amd64 [${100 + ((p.length * 37) % 900)} kB]\n`));
        for (const p of fresh) {
          env.io.out(`Setting up ${p} ...\n`);
          env.container.installed.push(p);
        }
      } else {
        env.io.out('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      }
      return 0;
    }
    if (verb === 'clean' || verb === 'autoremove') return 0;
    env.io.err(`E: Invalid operation ${verb ?? ''}\n`);
    return 100;
  };
}
