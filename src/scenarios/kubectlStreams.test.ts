/** Scenario tests: kubectl streams (`get -w`, `logs -f`) and `edit` as the script runner shows them. */
import { describe, expect, it } from 'vitest';
import { runScript } from './runner.ts';

describe('kubectl in scripts', () => {
  it('prints get -w changes during the next sim advance, aligned with the first table', () => {
    const r = runScript(
      `kubectl get pods -w
kubectl run web --image=nginx
sim advance 10s
kubectl get pods
`,
      { echo: true },
    );
    expect(r.output).toBe(
      `$ kubectl get pods -w
$ kubectl run web --image=nginx
pod/web created
$ sim advance 10s
NAME   READY   STATUS    RESTARTS   AGE
web    0/1     Pending   0          0s
web    0/1     Pending   0          0s
web    0/1     ContainerCreating   0          0s
web    0/1     ContainerCreating   0          0s
web    1/1     Running             0          4s
$ kubectl get pods
NAME   READY   STATUS    RESTARTS   AGE
web    1/1     Running   0          10s
`,
    );
  });

  it('follows logs with -f until the container exits', () => {
    const r = runScript(
      `kubectl run talk --image=busybox --restart=Never --command -- sh -c "echo one; sleep 5; echo two"
kubectl wait --for=condition=Ready pod/talk --timeout=1m
kubectl logs -f talk
sim advance 10s
`,
      { echo: true },
    );
    const after = r.output.slice(r.output.indexOf('$ kubectl logs -f talk\n'));
    expect(after.replace('$ sim advance 10s\n', '')).toBe('$ kubectl logs -f talk\none\ntwo\n');
    expect(after.endsWith('two\n')).toBe(true);
  });

  it('explains that scripts cannot open an editor', () => {
    const r = runScript('kubectl run web --image=nginx\nkubectl edit pod web\n');
    expect(r.output).toContain('kubesim: kubectl edit opens pod/web in the terminal\'s editor; scripts cannot edit interactively');
  });

  it('saves a here-document as the edited buffer of kubectl edit', () => {
    const r = runScript(
      `kubectl create configmap settings --from-literal=mode=slow
kubectl edit configmap settings <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
EOF
kubectl get configmap settings -o jsonpath='{.data.mode}'
`,
    );
    expect(r.output).toContain('configmap/settings edited\n');
    expect(r.output.endsWith('fast')).toBe(true);
  });
});
