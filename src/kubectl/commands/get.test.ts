import { describe, expect, it } from 'vitest';
import { kubectlHarness, podYaml } from '../testing.ts';

function withPods() {
  const h = kubectlHarness();
  h.ok('apply -f -', { stdin: `${podYaml('web', { labels: { app: 'web' } })}---\n${podYaml('db', { labels: { app: 'db', tier: 'back' } })}` });
  h.sim.advance(10_000);
  return h;
}

describe('kubectl get', () => {
  it('prints a pod table with kubectl column layout', () => {
    const h = withPods();
    expect(h.ok('get pods')).toBe('NAME   READY   STATUS    RESTARTS   AGE\ndb     1/1     Running   0          10s\nweb    1/1     Running   0          10s\n');
  });

  it('prefixes kind/name when several kinds print and separates tables with a blank line', () => {
    const h = withPods();
    const out = h.ok('get po,ns');
    expect(out).toContain('pod/db ');
    expect(out).toContain('\n\nNAME                        STATUS   AGE\nnamespace/default ');
  });

  it('supports -o name, jsonpath, jsonpath-as-json and custom-columns', () => {
    const h = withPods();
    expect(h.ok('get pods -o name')).toBe('pod/db\npod/web\n');
    expect(h.ok("get pods -o jsonpath='{.items[*].metadata.name}'")).toBe('db web');
    expect(h.ok("get pod web -o jsonpath='{.metadata.labels.app}'")).toBe('web');
    expect(h.ok("get pods -l app=db -o jsonpath-as-json='{.items[*].metadata.name}'")).toBe('[\n    "db"\n]\n');
    expect(h.ok('get pods -o custom-columns=NAME:.metadata.name,TIER:.metadata.labels.tier')).toBe('NAME   TIER\ndb     back\nweb    <none>\n');
    expect(h.ok('get pods -o custom-columns=NAME:.metadata.name --no-headers')).toBe('db\nweb\n');
  });

  it('reports custom-columns and jsonpath mistakes word for word', () => {
    const h = withPods();
    expect(h.run('get pods -o custom-columns=NAME').stderr).toBe('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n');
    expect(h.run('get pods -o jsonpath').stderr).toBe('error: template format specified but no template given\n');
    expect(h.run('get pods -o foo').stderr).toMatch(/^error: unable to match a printer suitable for the output format "foo", allowed formats are: /);
  });

  it('sorts with --sort-by and adds label columns', () => {
    const h = withPods();
    expect(h.ok('get pods --sort-by=.metadata.labels.app -o name')).toBe('pod/db\npod/web\n');
    expect(h.ok('get pods --sort-by={.metadata.name} -o name')).toBe('pod/db\npod/web\n');
    expect(h.ok('get pods -L app,tier --no-headers').split('\n')[0]).toMatch(/^db\s+1\/1\s+Running\s+0\s+10s\s+db\s+back$/);
    expect(h.ok('get pods -l tier=back --show-labels')).toContain('app=db,tier=back');
    expect(h.run('get pods --sort-by=.nope').stderr).toBe('error: couldn\'t find any field with path "{.nope}" in the list of objects\n');
  });

  it('filters with field selectors and lists across namespaces with -A', () => {
    const h = withPods();
    expect(h.ok('get pods --field-selector metadata.name=web -o name')).toBe('pod/web\n');
    expect(h.ok('get pods --field-selector status.phase=Running -A').split('\n')[0]).toBe('NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE');
    expect(h.run('get pods --field-selector spec.foo=x').stderr).toContain('field label not supported: spec.foo');
  });

  it('prints errors and the empty-list notice as kubectl does', () => {
    const h = kubectlHarness();
    expect(h.run('get pods').stderr).toBe('No resources found in default namespace.\n');
    expect(h.run('get pods -n kube-system').stderr).toBe('No resources found in kube-system namespace.\n');
    const missing = h.run('get job x');
    expect(missing.stderr).toBe('Error from server (NotFound): jobs.batch "x" not found\n');
    expect(missing.exitCode).toBe(1);
    expect(h.run('get jobz').stderr).toBe('error: the server doesn\'t have a resource type "jobz"\n');
    expect(h.run('get job x --ignore-not-found').exitCode).toBe(0);
  });

  it('prints events, namespaces, configmaps and secrets', () => {
    const h = withPods();
    expect(h.ok('get ev --field-selector involvedObject.name=web').split('\n')[0]).toBe('LAST SEEN   TYPE     REASON      OBJECT    MESSAGE');
    expect(h.ok('get ev --field-selector involvedObject.name=web,reason=Scheduled -o wide')).toMatch(
      /^LAST SEEN {3}TYPE {5}REASON {6}OBJECT {4}SUBOBJECT {3}SOURCE {14}MESSAGE\s+FIRST SEEN {3}COUNT {3}NAME\n10s\s+Normal {3}Scheduled {3}pod\/web\s+default-scheduler {3}Successfully assigned default\/web to worker-\d\s+10s\s+1\s+web\.[0-9a-f]+\n$/,
    );
    expect(h.ok('get ns default')).toBe('NAME      STATUS   AGE\ndefault   Active   10s\n');
    h.ok('create configmap cfg --from-literal=a=1 --from-literal=b=2');
    expect(h.ok('get cm cfg')).toBe('NAME   DATA   AGE\ncfg    2      0s\n');
    h.ok('create secret generic s --from-literal=p=x');
    expect(h.ok('get secret s')).toBe('NAME   TYPE     DATA   AGE\ns      Opaque   1      0s\n');
  });
});

describe('kubectl get -w', () => {
  it('streams rows aligned with the first table (remembered widths)', () => {
    const h = kubectlHarness();
    h.ok('apply -f -', { stdin: podYaml('web') });
    const r = h.run('get pods -w');
    expect(r.stdout).toBe('NAME   READY   STATUS              RESTARTS   AGE\nweb    0/1     ContainerCreating   0          0s\n');
    const seen: string[] = [];
    r.stream!.onOutput((c) => seen.push(c.text));
    h.sim.advance(5_000);
    expect(seen[seen.length - 1]).toBe('web    1/1     Running             0          1s\n');
    r.stream!.stop();
    h.ok('delete pod web --wait=false');
    h.sim.advance(60_000);
    expect(seen[seen.length - 1]).toBe('web    1/1     Running             0          1s\n');
  });

  it('prints the header with the first event under --watch-only and refuses several kinds', () => {
    const h = kubectlHarness();
    const r = h.run('get pods --watch-only');
    expect(r.stdout).toBe('');
    const seen: string[] = [];
    r.stream!.onOutput((c) => seen.push(c.text));
    h.ok('apply -f -', { stdin: podYaml('web') });
    expect(seen[0]).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\n');
    expect(h.run('get pods,jobs -w').stderr).toBe('error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n');
  });
});
