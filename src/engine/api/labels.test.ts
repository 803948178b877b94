import { describe, expect, it } from 'vitest';
import { formatLabelSelector, fromLabelSelector, matches, parseSelector } from './labels.ts';

describe('label selectors', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app=web', { app: 'db' }, false],
    ['app!=web', {}, true],
    ['tier in (fe,be)', { tier: 'be' }, true],
    ['tier notin (fe,be)', {}, true],
    ['tier notin (fe,be)', { tier: 'fe' }, false],
    ['canary', { canary: '' }, true],
    ['!canary', { canary: 'x' }, false],
    ['app=web,!canary,tier in (fe)', { app: 'web', tier: 'fe' }, true],
    ['replicas>2', { replicas: '3' }, true],
    ['', { anything: 'x' }, true],
  ])('%s matches %j → %s', (text, labels, expected) => {
    const sel = parseSelector(text);
    expect(sel).not.toBeInstanceOf(Error);
    expect(matches(sel as Exclude<typeof sel, Error>, labels)).toBe(expected);
  });

  it('reports syntax errors', () => {
    expect(parseSelector('app in web')).toBeInstanceOf(Error);
    expect(parseSelector('a b')).toBeInstanceOf(Error);
  });

  it('treats structured selectors like the apiserver', () => {
    expect(matches(fromLabelSelector(undefined) as never, { a: 'b' })).toBe(false);
    expect(matches(fromLabelSelector({}) as never, { a: 'b' })).toBe(true);
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] };
    expect(matches(fromLabelSelector(sel) as never, { app: 'web', tier: 'fe' })).toBe(true);
    expect(formatLabelSelector(sel)).toBe('app=web,tier in (be,fe)');
    expect(fromLabelSelector({ matchExpressions: [{ key: 'x', operator: 'Bogus' }] })).toBeInstanceOf(Error);
  });
});
