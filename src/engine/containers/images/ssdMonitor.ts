/** idealism/ssd-monitor (Kubernetes in Action): busybox whose entrypoint prints "SSD OK" every 5 s. */
import type { ImageSpec } from './image.ts';
import { busybox } from './busybox.ts';

export const ssdMonitor: ImageSpec = {
  ...busybox,
  family: 'ssd-monitor',
  sizeBytes: 2_160_000,
  entrypoint: ['/bin/sh', '-c', "while true; do echo 'SSD OK'; sleep 5; done"],
  cmd: [],
};
