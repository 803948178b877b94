/** alpine: musl + busybox (ash) + apk. `apk add` is not simulated; the busybox tools are there. */
import type { ImageSpec } from './image.ts';
import { STANDARD_PATH, busyboxTools } from './busybox.ts';

export const alpine: ImageSpec = {
  family: 'alpine',
  sizeBytes: 3_653_000,
  cmd: ['/bin/sh'],
  env: { PATH: STANDARD_PATH },
  files: { '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.2\nPRETTY_NAME="Alpine Linux v3.21"\n', '/etc/alpine-release': '3.21.2\n' },
  commands: busyboxTools(),
  shell: 'ash',
};
