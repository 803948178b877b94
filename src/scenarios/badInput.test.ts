/**
 * Bad input through kubectl, end to end: each mistake a learner makes gets the error a real cluster
 * prints (field paths included), the script goes on, and nothing is created.
 */
import { describe, expect, it } from 'vitest';
import { ScriptRunner, runScript } from './runner.ts';

function apply(manifest: string, verb = 'apply'): string {
  return `kubectl ${verb} -f - <<EOF\n${manifest.trim()}\nEOF\n`;
}

describe('bad input through kubectl', () => {
  it.each<[string, string, string]>([
    [
      'malformed YAML',
      apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n   image: nginx'),
      'error: error parsing STDIN: error converting YAML to JSON: yaml: line 8: did not find expected key\n',
    ],
    [
      'an unknown kind',
      apply('apiVersion: v1\nkind: Pdo\nmetadata:\n  name: typo'),
      'error: resource mapping not found for name: "typo" namespace: "" from "STDIN": no matches for kind "Pdo" in version "v1"\nensure CRDs are installed first\n',
    ],
    [
      'a missing required field',
      apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: no-image\nspec:\n  containers:\n  - name: app'),
      'The Pod "no-image" is invalid: spec.containers[0].image: Required value\n',
    ],
    [
      'misspelt fields (strict field validation)',
      apply('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        imagePullPolice: Always', 'create'),
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagePullPolice"\n',
    ],
    [
      'a number where a string belongs',
      apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: env\nspec:\n  containers:\n  - name: app\n    image: nginx\n    env:\n    - name: PORT\n      value: 8080'),
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string\n',
    ],
    [
      'several invalid values at once',
      apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: multi\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: 70000'),
      'The Pod "multi" is invalid: \n* spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n',
    ],
    [
      'an invalid name',
      apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: My_Config\ndata:\n  a: b'),
      `The ConfigMap "My_Config" is invalid: metadata.name: Invalid value: "My_Config": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    ],
    [
      'a bad node affinity',
      apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: aff\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: disk, operator: In}\n  containers:\n  - name: app\n    image: nginx'),
      "The Pod \"aff\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'\n",
    ],
  ])('%s', (_what, script, expected) => {
    const runner = new ScriptRunner();
    const result = runner.run(script);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(expected);
    expect(result.stdout).toBe('');
    // Nothing was written: only what the cluster starts with (each namespace's kube-root-ca.crt).
    const created = ['Pod', 'Deployment', 'ConfigMap'].flatMap((kind) => runner.sim.api.list(kind).map((o) => o.metadata.name)).filter((n) => n !== 'kube-root-ca.crt');
    expect(created).toEqual([]);
  });

  it('keeps going after an error: the good documents of a multi-document apply are created', () => {
    const result = runScript(
      apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  labels:\n    version: 2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: also-good') + 'kubectl get configmaps\n',
    );
    expect(result.stdout).toContain('configmap/good created\nconfigmap/also-good created\n');
    expect(result.stderr).toContain('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    expect(result.stdout).toMatch(/also-good .*\ngood /);
  });
});
