/**
 * idealism/batch-job (Kubernetes in Action): busybox whose entrypoint logs a start line, works for
 * two minutes, and logs a finish line (with the book's "succesfully").
 */
import type { ImageSpec } from './image.ts';
import { busybox } from './busybox.ts';

export const batchJob: ImageSpec = {
  ...busybox,
  family: 'batch-job',
  sizeBytes: 2_160_000,
  entrypoint: ['/bin/sh', '-c', 'echo "$(date) Batch job starting"; sleep 120; echo "$(date) Finished succesfully"'],
  cmd: [],
};
