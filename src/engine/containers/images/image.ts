/**
 * What an image is to the simulator: its config (entrypoint, cmd, env, working directory), the
 * files it ships, the programs on its PATH, the packages `apt-get install` can add, its size (pull
 * time) and what its main process does with SIGTERM. One file per image family builds these.
 */
import type { CommandImpl } from '../command.ts';
import type { ProcessContext } from '../process.ts';
import type { Flavour } from '../shell/interpreter.ts';
import { memoByString } from '../../api/memo.ts';

export type CommandTable = Readonly<Record<string, CommandImpl>>;

export interface ImageSpec {
  /** The family, as documented in docs/images.md (`busybox`, `nginx`, ...). */
  family: string;
  /** Compressed size: what a pull downloads. */
  sizeBytes: number;
  entrypoint?: readonly string[];
  cmd?: readonly string[];
  env: Readonly<Record<string, string>>;
  workingDir?: string;
  /** Files in the image (absolute paths). */
  files: Readonly<Record<string, string>>;
  /** Programs available in the standard bin directories, by name. */
  commands: CommandTable;
  /** Programs at exact paths (`/worker.py`, `/usr/local/bin/docker-entrypoint.sh`). */
  paths?: CommandTable;
  /** Debian packages `apt-get install` can add, with the programs each provides. */
  packages?: Readonly<Record<string, CommandTable>>;
  /** What SIGTERM does to the main process when it is not a shell (default: ignored, as PID 1). */
  onTerm?: ProcessContext['onTerm'];
  /** The dialect of `/bin/sh`. */
  shell: Flavour;
}

/** An image reference split into registry / repository path / tag. */
export interface ImageRef {
  registry: string;
  /** `library/busybox`, `idealism/kubia`, `myproject/job-wq-1`. */
  path: string;
  /** Last path segment: `busybox`, `kubia`, `job-wq-1`. */
  name: string;
  tag: string;
}

/** An image reference's parts (shared between callers: do not mutate). */
export const parseImageRef: (image: string) => Readonly<ImageRef> = memoByString((image) => Object.freeze(imageRef(image)), 1024);

function imageRef(image: string): ImageRef {
  let rest = image.trim();
  let tag = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    tag = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const segments = rest.split('/');
  let registry = 'docker.io';
  if (segments.length > 1 && /[.:]|^localhost$/.test(segments[0]!)) registry = segments.shift()!;
  if (registry === 'docker.io' && segments.length === 1) segments.unshift('library');
  return { registry, path: segments.join('/'), name: segments[segments.length - 1]!, tag };
}
