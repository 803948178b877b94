/**
 * A container's filesystem: the image's files in a private writable layer (gone when the
 * container restarts, as with overlayfs) plus the pod's volumes mounted on top. Volumes are shared
 * objects, so an init container's writes to an emptyDir are what the main container reads.
 *
 * Paths are absolute and normalised (`/a/b`); a volume stores paths relative to its root.
 */

export type FsError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EEXIST' | 'ENOTEMPTY';

/** A failed read or listing (a tagged object, so file contents are never mistaken for an error). */
export interface FsFailure {
  error: FsError;
}

export function failed(r: unknown): r is FsFailure {
  return typeof r === 'object' && r !== null && 'error' in r && !Array.isArray(r);
}

/** A directory tree of text files. */
export class Volume {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>(['']);
  /** Files with an execute bit (scripts run by path need one). */
  readonly executables = new Set<string>();
  /** Bumped by every change, so what was looked up in it can be remembered until the next. */
  changes = 0;

  constructor(
    readonly readOnly = false,
    files: Record<string, string> = {},
  ) {
    for (const [path, text] of Object.entries(files)) this.put(path.replace(/^\/+/, ''), text);
  }

  /** A writable copy (a container's private layer starts as a copy of its image's). */
  copy(): Volume {
    const v = new Volume(false);
    for (const [path, text] of this.files) v.files.set(path, text);
    for (const dir of this.dirs) v.dirs.add(dir);
    for (const path of this.executables) v.executables.add(path);
    return v;
  }

  /** Write a file, creating its parent directories (used to populate volumes and images). */
  put(rel: string, text: string, executable = false): void {
    this.changes++;
    this.files.set(rel, text);
    if (executable) this.executables.add(rel);
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) this.dirs.add(rel.slice(0, i));
  }
}

export interface Mount {
  path: string;
  volume: Volume;
  /** subPath inside the volume. */
  sub: string;
  readOnly: boolean;
}

export interface DirEntry {
  name: string;
  dir: boolean;
}

/** Normalise `path` against `cwd`: resolves `.`, `..` and duplicate slashes. */
export function normalizePath(path: string, cwd = '/'): string {
  // Most paths arrive normalised already (programs and the kubelet build them): keep those as they are.
  if (isNormalized(path)) return path;
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

/** An absolute path without empty, `.` or `..` segments and no trailing slash (but `/`). */
function isNormalized(path: string): boolean {
  if (path.charCodeAt(0) !== 47 /* / */) return false;
  if (path.length === 1) return true;
  if (path.charCodeAt(path.length - 1) === 47) return false;
  for (let i = 0; i < path.length; i++) {
    if (path.charCodeAt(i) !== 47) continue;
    const next = path.charCodeAt(i + 1);
    if (next === 47) return false;
    if (next === 46 /* . */) {
      const after = path.charCodeAt(i + 2);
      if (after === 47 || Number.isNaN(after) || (after === 46 && (path.charCodeAt(i + 3) === 47 || i + 3 === path.length))) return false;
    }
  }
  return true;
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}

export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i <= 0 ? (trimmed.startsWith('/') ? '/' : '.') : trimmed.slice(0, i);
}

/** Whether `path` lies strictly below the directory `dir` (both normalised). */
function isInside(path: string, dir: string): boolean {
  return path.length > dir.length && path.startsWith(dir) && (dir === '/' || path.charCodeAt(dir.length) === 47);
}

export class FileSystem {
  private readonly mounts: (Mount & { prefix: string })[];

  constructor(
    private readonly root: Volume,
    mounts: Mount[] = [],
  ) {
    // Longest mount path first, so /a/b wins over /a.
    this.mounts = [...mounts]
      .map((m) => {
        const path = normalizePath(m.path);
        return { ...m, path, prefix: `${path}/` };
      })
      .sort((a, b) => b.path.length - a.path.length);
  }

  /** Grows with every change to any of its volumes. */
  get changes(): number {
    let n = this.root.changes;
    for (const m of this.mounts) n += m.volume.changes;
    return n;
  }

  /** Which volume holds `path`, and the path inside it. */
  private locate(path: string): { volume: Volume; rel: string; readOnly: boolean } {
    const p = normalizePath(path);
    for (const m of this.mounts) {
      if (p === m.path || p.startsWith(m.prefix)) {
        const inner = p.slice(m.path.length).replace(/^\//, '');
        const rel = [m.sub, inner].filter((s) => s !== '').join('/');
        return { volume: m.volume, rel, readOnly: m.readOnly || m.volume.readOnly };
      }
    }
    return { volume: this.root, rel: p.slice(1), readOnly: false };
  }

  private isMountPoint(path: string): boolean {
    return this.mounts.some((m) => m.path === path);
  }

  stat(path: string): 'file' | 'dir' | undefined {
    const p = normalizePath(path);
    if (p === '/' || this.isMountPoint(p) || this.mounts.some((m) => isInside(m.path, p))) {
      const { volume, rel } = this.locate(p);
      return volume.files.has(rel) ? 'file' : 'dir';
    }
    const { volume, rel } = this.locate(p);
    if (volume.files.has(rel)) return 'file';
    if (volume.dirs.has(rel)) return 'dir';
    return undefined;
  }

  read(path: string): string | FsFailure {
    const kind = this.stat(path);
    if (kind === 'dir') return { error: 'EISDIR' };
    if (!kind) return { error: 'ENOENT' };
    const { volume, rel } = this.locate(path);
    return volume.files.get(rel)!;
  }

  isExecutable(path: string): boolean {
    const { volume, rel } = this.locate(path);
    return volume.executables.has(rel);
  }

  chmod(path: string, executable: boolean): FsError | undefined {
    if (!this.stat(path)) return 'ENOENT';
    const { volume, rel, readOnly } = this.locate(path);
    if (readOnly) return 'EROFS';
    volume.changes++;
    if (executable) volume.executables.add(rel);
    else volume.executables.delete(rel);
    return undefined;
  }

  write(path: string, text: string, append = false): FsError | undefined {
    const p = normalizePath(path);
    const kind = this.stat(p);
    if (kind === 'dir') return 'EISDIR';
    const parent = this.stat(dirname(p));
    if (parent === undefined) return 'ENOENT';
    if (parent === 'file') return 'ENOTDIR';
    const { volume, rel, readOnly } = this.locate(p);
    if (readOnly) return 'EROFS';
    volume.changes++;
    volume.files.set(rel, append ? (volume.files.get(rel) ?? '') + text : text);
    return undefined;
  }

  mkdir(path: string, parents = false): FsError | undefined {
    const p = normalizePath(path);
    const kind = this.stat(p);
    if (kind) return parents && kind === 'dir' ? undefined : 'EEXIST';
    const parent = dirname(p);
    if (!this.stat(parent)) {
      if (!parents) return 'ENOENT';
      const err = this.mkdir(parent, true);
      if (err) return err;
    }
    if (this.stat(parent) === 'file') return 'ENOTDIR';
    const { volume, rel, readOnly } = this.locate(p);
    if (readOnly) return 'EROFS';
    volume.changes++;
    volume.dirs.add(rel);
    return undefined;
  }

  remove(path: string, recursive = false): FsError | undefined {
    const p = normalizePath(path);
    const kind = this.stat(p);
    if (!kind) return 'ENOENT';
    const { volume, rel, readOnly } = this.locate(p);
    if (readOnly) return 'EROFS';
    volume.changes++;
    if (kind === 'file') {
      volume.files.delete(rel);
      return undefined;
    }
    const prefix = rel === '' ? '' : `${rel}/`;
    const children = [...volume.files.keys(), ...volume.dirs].filter((k) => k !== rel && k.startsWith(prefix));
    if (children.length > 0 && !recursive) return 'ENOTEMPTY';
    for (const k of children) {
      volume.files.delete(k);
      volume.dirs.delete(k);
    }
    if (rel !== '') volume.dirs.delete(rel);
    return undefined;
  }

  /** Entries of a directory, sorted by name (mount points included). */
  list(path: string): DirEntry[] | FsFailure {
    const p = normalizePath(path);
    const kind = this.stat(p);
    if (!kind) return { error: 'ENOENT' };
    if (kind === 'file') return { error: 'ENOTDIR' };
    const { volume, rel } = this.locate(p);
    const prefix = rel === '' ? '' : `${rel}/`;
    const entries = new Map<string, boolean>();
    for (const f of volume.files.keys()) {
      if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/') && f !== rel) entries.set(f.slice(prefix.length), false);
    }
    for (const d of volume.dirs) {
      if (d !== rel && d.startsWith(prefix) && !d.slice(prefix.length).includes('/') && d.slice(prefix.length) !== '') entries.set(d.slice(prefix.length), true);
    }
    const base = p === '/' ? '/' : `${p}/`;
    for (const m of this.mounts) {
      if (m.path.startsWith(base)) {
        const name = m.path.slice(base.length).split('/')[0]!;
        if (name) entries.set(name, this.stat(`${base}${name}`) === 'dir');
      }
    }
    return [...entries.entries()].map(([name, dir]) => ({ name, dir })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** The C library's wording of an error, as tools print it. */
export function strerror(err: FsError): string {
  switch (err) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EISDIR':
      return 'Is a directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'EROFS':
      return 'Read-only file system';
    case 'EEXIST':
      return 'File exists';
    case 'ENOTEMPTY':
      return 'Directory not empty';
  }
}
