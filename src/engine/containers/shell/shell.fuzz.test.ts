import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScript } from './parser.ts';
import { ShellSyntaxError } from './lexer.ts';
import { sh } from '../../testing/containerHarness.ts';

const TOKENS = ['echo', 'x=1', '$x', '"$x"', "'a b'", '${x:-d}', '$((1+2))', '$(echo hi)', '`echo b`', ';', '&&', '||', '|', '&', '(', ')', '{', '}', 'if', 'then', 'fi', 'for', 'in', 'do', 'done', 'while', 'case', 'esac', ')', ';;', '>', '<', '2>&1', '/tmp/f', '<<EOF', '\n', 'EOF', 'true', 'false', 'exit', '3', '[', ']', '-eq', 'sleep', '1', '"', "'", '\\', '${', '$(', 'arr=(a b)', '${arr[1]}', '[[', ']]', '((', '))'];

const script = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((t) => t.join(' '));

describe('shell robustness (property)', () => {
  it('parsing any token soup either succeeds or raises a ShellSyntaxError', () => {
    fc.assert(
      fc.property(script, (text) => {
        try {
          parseScript(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ShellSyntaxError);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('running any token soup ends with an exit status and never crashes the process model', () => {
    fc.assert(
      fc.property(script, fc.constantFrom<'sh' | 'bash'>('sh', 'bash'), (text, shell) => {
        const r = sh(text, { shell, limitMs: 60_000 });
        expect(Number.isInteger(r.exitCode)).toBe(true);
        expect(r.exitCode).toBeGreaterThanOrEqual(0);
        expect(r.exitCode).toBeLessThan(256);
        expect(r.stderr).not.toMatch(/TypeError|RangeError|undefined is not|Cannot read/);
      }),
      { numRuns: 150 },
    );
  });

  it('single-quoting any text round-trips through echo', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }).filter((s) => !s.includes('\0') && !s.includes('\r')), (text) => {
        const quoted = `'${text.replace(/'/g, "'\\''")}'`;
        expect(sh(`printf '%s' ${quoted}`).stdout).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
