import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FileSystem, Volume, dirname, normalizePath } from './fs.ts';

/** normalizePath without its fast path: the reference the fast path must agree with. */
function slowNormalize(path: string, cwd = '/'): string {
  const out: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

describe('normalizePath', () => {
  it.each([
    ['/', '/'],
    ['/a/b', '/a/b'],
    ['/a//b/', '/a/b'],
    ['/a/./b', '/a/b'],
    ['/a/../b', '/b'],
    ['/a/..', '/'],
    ['/a/.', '/a'],
    ['/.hidden/..x', '/.hidden/..x'],
    ['/a/...', '/a/...'],
    ['b/c', '/work/b/c'],
  ])('%s → %s', (path, want) => {
    expect(normalizePath(path, '/work')).toBe(want);
  });

  it('agrees with the segment-by-segment definition on any path', () => {
    const segment = fc.constantFrom('', '.', '..', '...', 'a', '.a', 'a.', 'b..', 'etc');
    const path = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 6 })).map(([abs, parts]) => (abs ? '/' : '') + parts.join('/'));
    fc.assert(fc.property(path, (p) => normalizePath(p, '/cwd') === slowNormalize(p, '/cwd')));
  });
});

describe('Volume', () => {
  it('creates every parent directory of a file it is given', () => {
    const v = new Volume(false, { '/etc/nginx/conf.d/default.conf': 'x' });
    const fs = new FileSystem(v);
    expect(fs.list('/')).toEqual([{ name: 'etc', dir: true }]);
    expect(fs.stat('/etc/nginx')).toBe('dir');
    expect(fs.stat('/etc/nginx/conf.d')).toBe('dir');
    expect(fs.read('/etc/nginx/conf.d/default.conf')).toBe('x');
    expect(dirname('/etc/nginx/conf.d/default.conf')).toBe('/etc/nginx/conf.d');
  });

  it('writes through an overlay without changing the layer below', () => {
    const image = new Volume(true);
    image.put('bin/tool', '#!/bin/sh\n', true);
    const fs = new FileSystem(image.overlay());
    expect(fs.isExecutable('/bin/tool')).toBe(true);
    expect(fs.write('/bin/tool', 'changed')).toBeUndefined();
    expect(fs.isExecutable('/bin/tool')).toBe(true);
    expect(fs.read('/bin/tool')).toBe('changed');
    expect(fs.remove('/bin', true)).toBeUndefined();
    expect(fs.stat('/bin')).toBeUndefined();
    expect(fs.mkdir('/bin')).toBeUndefined();
    expect(fs.list('/bin')).toEqual([]);
    const below = new FileSystem(image);
    expect(below.read('/bin/tool')).toBe('#!/bin/sh\n');
    expect(below.isExecutable('/bin/tool')).toBe(true);
  });

  it('an overlay behaves like a copy of the layer below under any sequence of changes', () => {
    const name = fc.constantFrom('a', 'b', 'c');
    const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
    const op = fc.oneof(
      fc.record({ op: fc.constant('write' as const), path, text: fc.constantFrom('x', 'y'), append: fc.boolean() }),
      fc.record({ op: fc.constant('mkdir' as const), path, parents: fc.boolean() }),
      fc.record({ op: fc.constant('remove' as const), path, recursive: fc.boolean() }),
      fc.record({ op: fc.constant('chmod' as const), path, executable: fc.boolean() }),
    );
    const lowerFiles = fc.dictionary(path, fc.constantFrom('1', '2'), { maxKeys: 4 });
    fc.assert(
      fc.property(lowerFiles, fc.array(path, { maxLength: 2 }), fc.array(op, { maxLength: 12 }), (files, executables, ops) => {
        // The reference: a plain volume holding the same files from the start.
        const lower = new Volume(true);
        const flat = new Volume(false);
        for (const [p, text] of Object.entries(files)) {
          // A path that is a file's parent cannot also be a file.
          if (Object.keys(files).some((q) => q.startsWith(`${p}/`))) continue;
          for (const v of [lower, flat]) v.put(p.slice(1), text, executables.includes(p));
        }
        const a = new FileSystem(lower.overlay());
        const b = new FileSystem(flat);
        const observe = (fs: FileSystem) => {
          const seen: unknown[] = [];
          for (const p of ['/', '/a', '/b', '/c', '/a/a', '/a/b', '/b/a', '/a/a/a']) seen.push(p, fs.stat(p), fs.read(p), fs.list(p), fs.isExecutable(p));
          return seen;
        };
        for (const o of ops) {
          const run = (fs: FileSystem) =>
            o.op === 'write' ? fs.write(o.path, o.text, o.append) : o.op === 'mkdir' ? fs.mkdir(o.path, o.parents) : o.op === 'remove' ? fs.remove(o.path, o.recursive) : fs.chmod(o.path, o.executable);
          expect(run(a)).toEqual(run(b));
          expect(observe(a)).toEqual(observe(b));
        }
      }),
      { numRuns: 300 },
    );
  });
});
