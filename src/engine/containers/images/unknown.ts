/**
 * Any image the catalog does not know (your own `myrepo/myapp:1.0`): the pull succeeds, busybox's
 * tools are there so shell commands run, and a command kubesim cannot interpret runs until the
 * container is stopped — a long-running server, as far as Kubernetes can tell. The `kubesim.dev/*`
 * annotations script other behaviour (see docs/images.md).
 */
import type { ImageSpec } from './image.ts';
import { STANDARD_PATH, busyboxTools } from './busybox.ts';

export function unknownImage(name: string): ImageSpec {
  return {
    family: 'unknown',
    sizeBytes: 25_000_000 + ((name.length * 7919) % 50) * 1_000_000,
    env: { PATH: STANDARD_PATH },
    files: {},
    commands: busyboxTools(),
    shell: 'ash',
  };
}
