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
    expect([...v.dirs].sort()).toEqual(['', 'etc', 'etc/nginx', 'etc/nginx/conf.d']);
    const fs = new FileSystem(v);
    expect(fs.stat('/etc/nginx')).toBe('dir');
    expect(fs.read('/etc/nginx/conf.d/default.conf')).toBe('x');
    expect(dirname('/etc/nginx/conf.d/default.conf')).toBe('/etc/nginx/conf.d');
  });

  it('copies into an independent writable layer', () => {
    const image = new Volume(true, { '/bin/tool': '#!/bin/sh\n' });
    image.executables.add('bin/tool');
    const layer = image.copy();
    const fs = new FileSystem(layer);
    expect(fs.isExecutable('/bin/tool')).toBe(true);
    expect(fs.write('/bin/tool', 'changed')).toBeUndefined();
    expect(fs.remove('/bin', true)).toBeUndefined();
    expect(image.files.get('bin/tool')).toBe('#!/bin/sh\n');
    expect(image.dirs.has('bin')).toBe(true);
  });
});
