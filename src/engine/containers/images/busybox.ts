/**
 * busybox: one static binary providing `sh` (ash) and the classic utilities. The base of many
 * demo images (ssd-monitor, batch-job) and the default choice for Job examples.
 */
import type { CommandTable, ImageSpec } from './image.ts';
import { coreutils } from '../commands/coreutils.ts';
import { systemUtils } from '../commands/system.ts';
import { netUtils } from '../commands/netutils.ts';
import { shellCommand } from '../commands/shell.ts';

export const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Everything busybox's applets provide, as programs. */
export function busyboxTools(): CommandTable {
  const sh = shellCommand('ash');
  return { ...coreutils('busybox'), ...systemUtils('busybox'), ...netUtils('busybox'), sh, ash: sh };
}

export const busybox: ImageSpec = {
  family: 'busybox',
  sizeBytes: 2_155_000,
  cmd: ['sh'],
  env: { PATH: STANDARD_PATH },
  files: { '/etc/os-release': 'NAME="BusyBox"\nID=busybox\n' },
  commands: busyboxTools(),
  shell: 'ash',
};
