import { describe, expect, it } from 'vitest';
import { sh } from '../../testing/containerHarness.ts';
import { debian } from '../images/debian.ts';

type Case = [name: string, script: string, stdout: string, exitCode?: number, stderr?: string];

function check(shell: 'sh' | 'bash', cases: Case[]) {
  it.each(cases)('%s', (_name, script, stdout, exitCode = 0, stderr = '') => {
    const r = sh(script, { shell, files: { '/data/a.txt': 'one\ntwo\nthree\n', '/data/b.txt': 'x\n', '/data/c.log': 'log\n' }, env: { HOME: '/root' } });
    expect(r.stdout).toBe(stdout);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(exitCode);
  });
}

describe('shell: quoting and word splitting', () => {
  check('sh', [
    ['single quotes keep everything literal', `echo 'a  $HOME "b"'`, 'a  $HOME "b"\n'],
    ['double quotes expand but do not split', 'x="a  b"; echo "$x" $x', 'a  b a b\n'],
    ['backslash escapes', 'echo a\\ \\ b \\$HOME "\\$x \\"q\\""', 'a  b $HOME $x "q"\n'],
    ['empty quoted argument is kept', 'set -- "" b; echo $#', '2\n'],
    ['unquoted empty expansion vanishes', 'set -- $nothing b; echo $#', '1\n'],
    ['IFS splitting of expansions', 'IFS=,; x=a,b,,c; set -- $x; echo $#: $1 $2 "$3" $4', '4: a b  c\n'],
    ['"$@" keeps arguments', 'set -- "a b" c; for x in "$@"; do echo "[$x]"; done', '[a b]\n[c]\n'],
    ['"$*" joins with a space', 'set -- a b c; echo "$*"', 'a b c\n'],
    ['glob expands sorted, quoted glob does not', 'echo /data/*.txt "/data/*.txt"', '/data/a.txt /data/b.txt /data/*.txt\n'],
    ['unmatched glob stays literal', 'echo /data/*.none', '/data/*.none\n'],
    ['tilde is HOME', 'echo ~ ~/x', '/root /root/x\n'],
  ]);
});

describe('shell: parameter, command and arithmetic expansion', () => {
  check('sh', [
    ['default values', 'e=; echo ${u:-d1} ${u-d2} ${e:-d3} ${e-d4}.', 'd1 d2 d3 .\n'],
    ['assign default', 'echo ${v:=set}; echo $v', 'set\nset\n'],
    ['alternate value', 'x=1; echo ${x:+alt} ${y:+alt}.', 'alt .\n'],
    ['length and pattern removal', 'p=/usr/local/bin/app.tar.gz; echo ${#p} ${p##*/} ${p%.*} ${p%%.*} ${p#/usr}', '25 app.tar.gz /usr/local/bin/app.tar /usr/local/bin/app /local/bin/app.tar.gz\n'],
    ['${x:?} fails the shell', 'echo ${missing:?is required}; echo after', '', 2, 'sh: missing: is required\n'],
    ['command substitution strips trailing newlines', 'x=$(printf "a\\n\\n"); echo "[$x]"; echo `echo back`', '[a]\nback\n'],
    ['nested command substitution', 'echo $(echo $(echo deep))', 'deep\n'],
    ['arithmetic', 'i=7; echo $((i * 3 + 1)) $((i / 2)) $((i % 4)) $((2 ** 10)) $((i > 5 ? 1 : 0)) $(( (1 + 2) * 3 ))', '22 3 3 1024 1 9\n'],
    ['arithmetic assignment and increments', 'i=1; : $((i += 4)); echo $i $((i++)) $i $((--i))', '5 5 6 5\n'],
    ['special parameters', 'set -- a b c; echo $# $1 $3; false; echo $?; true; echo $?', '3 a c\n1\n0\n'],
    ['$0 of sh -c is the shell name', 'echo $0', 'sh\n'],
    ['unset variable with set -u', 'set -u; echo $nope', '', 1, 'sh: nope: parameter not set\n'],
  ]);
});

describe('shell: control flow', () => {
  check('sh', [
    ['if / elif / else', 'for n in 1 5 9; do if [ $n -lt 3 ]; then echo low; elif [ $n -lt 7 ]; then echo mid; else echo high; fi; done', 'low\nmid\nhigh\n'],
    ['while with counter', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done', '1\n2\n3\n'],
    ['until', 'i=3; until [ $i -eq 0 ]; do echo $i; i=$((i-1)); done', '3\n2\n1\n'],
    ['break and continue', 'for i in 1 2 3 4 5; do [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo $i; done', '1\n3\n'],
    ['break 2 leaves both loops', 'for a in 1 2; do for b in x y; do echo $a$b; break 2; done; done; echo end', '1x\nend\n'],
    ['case with patterns and |', 'for w in apple kiwi x9 Zed; do case $w in a*|k*) echo fruit;; x[0-9]) echo code;; *) echo other;; esac; done', 'fruit\nfruit\ncode\nother\n'],
    ['&& and ||', 'true && echo yes || echo no; false && echo yes || echo no', 'yes\nno\n'],
    ['negation', '! false && echo negated', 'negated\n'],
    ['functions with arguments and return', 'greet() { echo "hi $1"; return 3; }; greet bob; echo $?', 'hi bob\n3\n'],
    ['local variables', 'x=outer; f() { local x=inner; echo $x; }; f; echo $x', 'inner\nouter\n'],
    ['subshell does not change the parent', 'x=1; (x=2; echo $x); echo $x', '2\n1\n'],
    ['brace group shares state', 'x=1; { x=2; echo $x; }; echo $x', '2\n2\n'],
    ['set -e stops at the first failure', 'set -e; echo a; false; echo b', 'a\n', 1],
    ['set -e ignores conditions', 'set -e; if false; then :; fi; false || echo rescued; echo end', 'rescued\nend\n'],
    ['exit status of the last command', 'echo x; false', 'x\n', 1],
    ['exit N', 'echo before; exit 42; echo after', 'before\n', 42],
    ['exit wraps at 256', 'exit 300', '', 44],
  ]);
});

describe('shell: redirections, pipes, here-documents', () => {
  check('sh', [
    ['write, append, read back', 'echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; wc -l < /tmp/f', 'one\ntwo\n2\n'],
    ['stderr to stdout', 'ls /nope 2>&1 | tr a-z A-Z', 'LS: /NOPE: NO SUCH FILE OR DIRECTORY\n'],
    ['/dev/null swallows output', 'echo hidden > /dev/null; cat /nope 2>/dev/null; echo $?', '1\n'],
    ['pipeline status is the last command', 'false | true; echo $?; true | false; echo $?', '0\n1\n'],
    ['pipes between tools', 'printf "b\\na\\nc\\na\\n" | sort | uniq -c', '      2 a\n      1 b\n      1 c\n'],
    ['here-document with expansion', 'name=World\ncat <<EOF\nHello $name\n$(echo sub)\nEOF', 'Hello World\nsub\n'],
    ['quoted here-document is literal', "cat <<'EOF'\n$HOME `x`\nEOF", '$HOME `x`\n'],
    ['read loop over a file', 'while read line; do echo "<$line>"; done < /data/a.txt', '<one>\n<two>\n<three>\n'],
    ['redirect into a missing directory', 'echo x > /nope/f; echo $?', '1\n', 0, "sh: can't create /nope/f: nonexistent directory\n"],
    ['grep, head, tail, rev', 'grep -n t /data/a.txt; head -n 1 /data/a.txt; tail -1 /data/a.txt; echo abc | rev', '2:two\n3:three\none\nthree\ncba\n'],
  ]);
});

describe('shell: commands that do not exist', () => {
  check('sh', [
    ['ash: not found, 127', 'nosuchcmd arg; echo status=$?', 'status=127\n', 0, 'sh: nosuchcmd: not found\n'],
    ['names of JavaScript object members are not commands', 'constructor; toString; echo status=$?', 'status=127\n', 0, 'sh: constructor: not found\nsh: toString: not found\n'],
  ]);
  check('bash', [
    ['bash: command not found, 127', 'nosuchcmd arg; echo status=$?', 'status=127\n', 0, 'bash: line 1: nosuchcmd: command not found\n'],
    ['bash: missing path', '/app/run; echo $?', '127\n', 0, 'bash: line 1: /app/run: No such file or directory\n'],
  ]);

  it('dash (Debian sh) reports the line number', () => {
    const r = sh('echo ok\nnosuchcmd', { image: debian });
    expect(r.stdout).toBe('ok\n');
    expect(r.stderr).toBe('sh: 2: nosuchcmd: not found\n');
    expect(r.exitCode).toBe(127);
  });

  it('a script without the execute bit is not runnable (126)', () => {
    const r = sh('/data/script.sh; echo $?; sh /data/script.sh', { files: { '/data/script.sh': '#!/bin/sh\necho from script\n' } });
    expect(r.stdout).toBe('126\nfrom script\n');
    expect(r.stderr).toBe('sh: /data/script.sh: Permission denied\n');
  });

  it('remembers where PATH lookups found programs, and looks again when one is gone', () => {
    const script = [
      'mkdir -p /opt/bin; printf "#!/bin/sh\\necho hi from \\$0\\n" > /opt/bin/hi; chmod +x /opt/bin/hi',
      'PATH=/opt/bin:$PATH',
      'hi; hi',
      'rm /opt/bin/hi',
      'hi; echo status=$?',
    ].join('\n');
    const r = sh(script);
    expect(r.stdout).toBe('hi from /opt/bin/hi\nhi from /opt/bin/hi\nstatus=127\n');
    expect(r.stderr).toBe('sh: hi: not found\n');
  });

  it('chmod +x makes a #! script runnable', () => {
    const r = sh('chmod +x /data/script.sh && /data/script.sh a b', { files: { '/data/script.sh': '#!/bin/sh\necho "args: $1 $2 ($0)"\n' } });
    expect(r.stdout).toBe('args: a b (/data/script.sh)\n');
  });
});

describe('shell: syntax errors exit 2 before running anything', () => {
  it.each([
    ['sh', 'echo a; if true; then echo b', 'sh: syntax error: unexpected end of file\n'],
    ['bash', 'echo a; fi', "bash: -c: line 1: syntax error near unexpected token `fi'\n"],
    ['sh', 'echo "unterminated', 'sh: syntax error: unterminated quoted string\n'],
  ] as const)('%s: %s', (shell, script, stderr) => {
    const r = sh(script, { shell });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(2);
  });
});

describe('bash extensions', () => {
  check('bash', [
    ['arrays: literal, index, count, all elements', 'items=(foo bar baz qux xyz); i=3; echo ${items[$i]} ${items[1]} ${#items[@]}; echo "${items[@]}"', 'qux bar 5\nfoo bar baz qux xyz\n'],
    ['array append and assignment by index', 'a=(x); a+=(y z); a[5]=w; echo ${#a[@]} ${a[5]} "${a[*]}"', '4 w x y z w\n'],
    ['brace expansion', 'echo {1..5} {a,b}c x{0..4..2}', '1 2 3 4 5 ac bc x0 x2 x4\n'],
    ['[[ ]] with patterns and regex', 'f=report.csv; [[ $f == *.csv && -n $f ]] && echo csv; [[ abc123 =~ ([a-z]+)([0-9]+) ]] && echo ${BASH_REMATCH[2]}', 'csv\n123\n'],
    ['(( )) and C-style for', 'for ((i=0; i<3; i++)); do (( i % 2 == 0 )) && echo even $i; done', 'even 0\neven 2\n'],
    ['substring and replacement', 's=hello-world; echo ${s:6} ${s:0:5} ${s/o/0} ${s//o/0} ${s^^}', 'world hello hell0-world hell0-w0rld HELLO-WORLD\n'],
    ['$RANDOM is a number', 'r=$RANDOM; [[ $r =~ ^[0-9]+$ ]] && echo num', 'num\n'],
    [
      'programs see the environment as it is now',
      'e() { env > /tmp/env; grep "^$1=" /tmp/env || echo "no $1"; }; export A=1; e A; A=2; e A; unset A; e A; export B; B[0]=x; e B; B=y; e B',
      'A=1\nA=2\nno A\nB=x\nB=y\n',
    ],
  ]);

  it('the indexed-job init script writes the chosen item', () => {
    const r = sh('items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n', { shell: 'bash', env: { JOB_COMPLETION_INDEX: '3' }, files: { '/input/.keep': '' } });
    expect(r.exitCode).toBe(0);
    expect(r.container.fs.read('/input/data.txt')).toBe('qux\n');
  });
});

describe('shell: time, traps and signals', () => {
  it('sleep and date use the virtual clock', () => {
    const r = sh('echo "$(date) Batch job starting"; sleep 120; echo "$(date) Finished succesfully"');
    expect(r.stdout).toBe('Thu Jan  1 00:00:00 UTC 1970 Batch job starting\nThu Jan  1 00:02:00 UTC 1970 Finished succesfully\n');
    expect(r.elapsedMs).toBeGreaterThanOrEqual(120_000);
    expect(r.elapsedMs).toBeLessThan(120_100);
  });

  it('PID 1 without a trap ignores SIGTERM (SIGKILL later ends it with 137)', () => {
    const r = sh('echo start; sleep 3600', { termAtMs: 5_000, limitMs: 35_000 });
    expect(r.stdout).toBe('start\n');
    expect(r.exitCode).toBe(137);
  });

  it('a TERM trap runs once the foreground command returns', () => {
    const r = sh("trap 'echo got TERM; exit 0' TERM; echo start; while true; do sleep 1; done", { termAtMs: 5_500 });
    expect(r.stdout).toBe('start\ngot TERM\n');
    expect(r.exitCode).toBe(0);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(6_000);
    expect(r.elapsedMs).toBeLessThan(7_000);
  });

  it('wait is interrupted by a trapped signal at once', () => {
    const r = sh("trap 'echo bye; exit 0' TERM; sleep 3600 & wait $!", { termAtMs: 2_000 });
    expect(r.stdout).toBe('bye\n');
    expect(r.elapsedMs).toBeLessThan(2_100);
  });

  it('an EXIT trap runs at the end', () => {
    expect(sh("trap 'echo cleanup' EXIT; echo work; exit 3").stdout).toBe('work\ncleanup\n');
  });

  it('a busy loop still lets virtual time pass', () => {
    const r = sh('i=0; while [ $i -lt 5000 ]; do i=$((i+1)); done; echo $i');
    expect(r.stdout).toBe('5000\n');
    expect(r.elapsedMs).toBeGreaterThan(0);
  });
});

describe('shell limits', () => {
  it('runaway recursion ends the shell instead of the engine', () => {
    const r = sh('f() { f; }; f; echo unreachable');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sh: f: maximum function nesting level exceeded (100)\n');
    expect(r.exitCode).toBe(139);
  });
});

describe('shell limits through subshells', () => {
  it('recursion through command substitution is bounded too', () => {
    const r = sh('f() { echo $(f); }; f');
    expect(r.stderr).toContain('maximum function nesting level exceeded (100)');
  });
});
