/**
 * debian and ubuntu: dash as /bin/sh, bash, GNU coreutils and apt-get — and none of curl, wget,
 * ping or nslookup until `apt-get update && apt-get install -y ...` adds them (the packages below).
 */
import type { CommandTable, ImageSpec } from './image.ts';
import { coreutils } from '../commands/coreutils.ts';
import { aptGet, systemUtils } from '../commands/system.ts';
import { curl, netUtils } from '../commands/netutils.ts';
import { shellCommand } from '../commands/shell.ts';
import { amqpTools } from '../commands/amqpTools.ts';
import { pythonCommand } from '../commands/python.ts';
import { redisCli } from '../commands/redisCli.ts';
import { perl } from '../commands/perl.ts';
import { STANDARD_PATH } from './busybox.ts';

/** The programs of a Debian-family base image. */
export function debianTools(distro: 'debian' | 'ubuntu'): CommandTable {
  const bash = shellCommand('bash');
  const dash = shellCommand('dash');
  return { ...coreutils('gnu'), ...systemUtils('gnu'), sh: dash, dash, bash, 'apt-get': aptGet(distro), apt: aptGet(distro) };
}

/** Packages apt-get can install, with the programs each adds. */
export function debianPackages(): Record<string, CommandTable> {
  const net = netUtils('gnu');
  const python = pythonCommand();
  return {
    curl: { curl },
    wget: { wget: net.wget! },
    'iputils-ping': { ping: net.ping! },
    dnsutils: { nslookup: net.nslookup! },
    'bind9-dnsutils': { nslookup: net.nslookup! },
    'netcat-openbsd': { nc: net.nc! },
    netcat: { nc: net.nc! },
    'amqp-tools': amqpTools,
    python3: { python3: python },
    python: { python, python3: python },
    'python-is-python3': { python },
    'redis-tools': { 'redis-cli': redisCli },
    perl: { perl },
    'ca-certificates': {},
    procps: {},
  };
}

function image(distro: 'debian' | 'ubuntu'): ImageSpec {
  const osRelease =
    distro === 'ubuntu'
      ? 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n'
      : 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
  return {
    family: distro,
    sizeBytes: distro === 'ubuntu' ? 29_754_000 : 48_497_000,
    cmd: distro === 'ubuntu' ? ['/bin/bash'] : ['bash'],
    env: { PATH: STANDARD_PATH },
    files: { '/etc/os-release': osRelease },
    commands: debianTools(distro),
    packages: debianPackages(),
    shell: 'dash',
  };
}

export const ubuntu = image('ubuntu');
export const debian = image('debian');
