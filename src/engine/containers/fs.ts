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

/**
 * A directory tree of text files. A volume made by `overlay()` is a writable layer over a read-only
 * lower one (a container's layer over its image's, as with overlayfs): it shares the lower files
 * until they change, so a container costs only what it writes.
 *
 * Paths are relative to the volume's root ('' is the root). While a path is not `hidden`, what the
 * lower layer has there shows through; once this layer changes it, the lower entry is copied up
 * (or, when removed, just hidden) and this layer alone answers for it.
 */
export class Volume {
  // This layer's own entries; an overlay creates them on first write.
  private files: Map<string, string> | undefined;
  private dirs: Set<string> | undefined;
  /** Files with an execute bit (scripts run by path need one). */
  private executables: Set<string> | undefined;
  /** Lower-layer paths this layer answers for itself (copied up or removed). */
  private hidden: Set<string> | undefined;
  /** Bumped by every change, so what was looked up in it can be remembered until the next. */
  changes = 0;

  constructor(
    readonly readOnly = false,
    files: Record<string, string> = {},
    /** Must not change once it has an overlay. */
    private readonly lower?: Volume,
  ) {
    if (!lower) this.dirs = new Set(['']);
    for (const [path, text] of Object.entries(files)) this.put(path.replace(/^\/+/, ''), text);
  }

  /** A writable layer over this one. */
  overlay(): Volume {
    return new Volume(false, {}, this);
  }

  /** Whether the lower layer shows through at `rel`. */
  private showsLower(rel: string): boolean {
    return this.lower !== undefined && this.hidden?.has(rel) !== true;
  }

  file(rel: string): string | undefined {
    const own = this.files?.get(rel);
    if (own !== undefined) return own;
    return this.showsLower(rel) ? this.lower!.file(rel) : undefined;
  }

  hasFile(rel: string): boolean {
    return this.file(rel) !== undefined;
  }

  hasDir(rel: string): boolean {
    return this.dirs?.has(rel) === true || (this.showsLower(rel) && this.lower!.hasDir(rel));
  }

  isExecutable(rel: string): boolean {
    return this.executables?.has(rel) === true || (this.showsLower(rel) && this.lower!.isExecutable(rel));
  }

  /** Make this layer alone answer for `rel`: a lower file there is copied up (with its execute bit), a lower directory recreated. */
  private copyUp(rel: string): void {
    if (!this.showsLower(rel)) return;
    const lower = this.lower!;
    const text = lower.file(rel);
    if (text !== undefined) {
      (this.files ??= new Map()).set(rel, text);
      if (lower.isExecutable(rel)) (this.executables ??= new Set()).add(rel);
    } else if (lower.hasDir(rel)) (this.dirs ??= new Set()).add(rel);
    else return;
    (this.hidden ??= new Set()).add(rel);
  }

  /** Write a file, creating its parent directories (used to populate volumes and images). */
  put(rel: string, text: string, executable = false): void {
    this.setFile(rel, text);
    if (executable) (this.executables ??= new Set()).add(rel);
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) {
      const dir = rel.slice(0, i);
      if (!this.hasDir(dir)) (this.dirs ??= new Set()).add(dir);
    }
  }

  /** Set a file's text (an existing file keeps its execute bit). */
  setFile(rel: string, text: string): void {
    this.changes++;
    this.copyUp(rel);
    (this.files ??= new Map()).set(rel, text);
  }

  setExecutable(rel: string, executable: boolean): void {
    this.changes++;
    this.copyUp(rel);
    if (executable) (this.executables ??= new Set()).add(rel);
    else this.executables?.delete(rel);
  }

  addDir(rel: string): void {
    this.changes++;
    (this.dirs ??= new Set()).add(rel);
  }

  /** Remove the file or directory at `rel` (not what is below a directory). */
  remove(rel: string): void {
    this.changes++;
    this.copyUp(rel);
    this.files?.delete(rel);
    this.executables?.delete(rel);
    this.dirs?.delete(rel);
  }

  /** Every path in the volume, with whether it is a directory (a directory may come twice). */
  forEachPath(fn: (rel: string, dir: boolean) => void): void {
    if (this.files) for (const rel of this.files.keys()) fn(rel, false);
    if (this.dirs) for (const rel of this.dirs) fn(rel, true);
    this.lower?.forEachPath((rel, dir) => {
      if (this.showsLower(rel)) fn(rel, dir);
    });
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
      return volume.hasFile(rel) ? 'file' : 'dir';
    }
    const { volume, rel } = this.locate(p);
    if (volume.hasFile(rel)) return 'file';
    if (volume.hasDir(rel)) return 'dir';
    return undefined;
  }

  read(path: string): string | FsFailure {
    const kind = this.stat(path);
    if (kind === 'dir') return { error: 'EISDIR' };
    if (!kind) return { error: 'ENOENT' };
    const { volume, rel } = this.locate(path);
    return volume.file(rel)!;
  }

  isExecutable(path: string): boolean {
    const { volume, rel } = this.locate(path);
    return volume.isExecutable(rel);
  }

  chmod(path: string, executable: boolean): FsError | undefined {
    if (!this.stat(path)) return 'ENOENT';
    const { volume, rel, readOnly } = this.locate(path);
    if (readOnly) return 'EROFS';
    volume.setExecutable(rel, executable);
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
    volume.setFile(rel, append ? (volume.file(rel) ?? '') + text : text);
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
    volume.addDir(rel);
    return undefined;
  }

  remove(path: string, recursive = false): FsError | undefined {
    const p = normalizePath(path);
    const kind = this.stat(p);
    if (!kind) return 'ENOENT';
    const { volume, rel, readOnly } = this.locate(p);
    if (readOnly) return 'EROFS';
    if (kind === 'file') {
      volume.remove(rel);
      return undefined;
    }
    const prefix = rel === '' ? '' : `${rel}/`;
    const children: string[] = [];
    volume.forEachPath((k) => {
      if (k !== rel && k.startsWith(prefix)) children.push(k);
    });
    if (children.length > 0 && !recursive) return 'ENOTEMPTY';
    for (const k of children) volume.remove(k);
    if (rel !== '') volume.remove(rel);
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
    volume.forEachPath((k, dir) => {
      if (k !== rel && k.startsWith(prefix) && k.indexOf('/', prefix.length) === -1) entries.set(k.slice(prefix.length), dir);
    });
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
