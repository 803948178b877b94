/**
 * Golden tests of the table printers against outputs quoted in the seeds (shared/seeds), adapted
 * where kubectl changed since they were written (RESTARTS now says when the last restart was).
 */
import { describe, expect, it } from 'vitest';
import { type KubeObject, formatTime, utcMs } from '../../engine/index.ts';
import './index.ts';
import { renderTable, tableHeader, tablePrinter, tableRow } from './table.ts';

const NOW = utcMs(2025, 1, 1, 1, 0, 0);
const ago = (s: number) => formatTime(NOW - s * 1000);

function table(kind: string, objects: KubeObject[], wide = false): string {
  const p = tablePrinter(kind);
  return renderTable([tableHeader(p, wide), ...objects.map((o) => tableRow(p, o, { nowMs: NOW }, wide))]);
}

function pod(name: string, opts: { age: number; phase: string; node?: string; ip?: string; ready?: boolean; waiting?: string; terminated?: string; restarts?: number; lastRestart?: number; deleting?: boolean }): KubeObject {
  const state = opts.waiting ? { waiting: { reason: opts.waiting } } : opts.terminated ? { terminated: { reason: opts.terminated, exitCode: 0 } } : { running: { startedAt: ago(opts.age) } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: ago(opts.age), ...(opts.deleting ? { deletionTimestamp: ago(0) } : {}) },
    spec: { containers: [{ name: 'main', image: 'x' }], ...(opts.node ? { nodeName: opts.node } : {}) },
    status: {
      phase: opts.phase,
      ...(opts.ip ? { podIP: opts.ip } : {}),
      containerStatuses: [
        {
          name: 'main',
          ready: opts.ready ?? false,
          restartCount: opts.restarts ?? 0,
          state,
          ...(opts.lastRestart !== undefined ? { lastState: { terminated: { exitCode: 137, finishedAt: ago(opts.lastRestart) } } } : {}),
        },
      ],
    },
  };
}

describe('pod table (seed 000: kubectl get pods -o wide during a Job)', () => {
  it('prints ContainerCreating pods with <none> IPs', () => {
    expect(
      table('Pod', [pod('pi-2xlxl', { age: 23, phase: 'Pending', node: 'calico-node1', waiting: 'ContainerCreating' }), pod('pi-7wcbj', { age: 23, phase: 'Pending', node: 'calico-node2', waiting: 'ContainerCreating' })], true),
    ).toBe(
      'NAME       READY   STATUS              RESTARTS   AGE   IP       NODE           NOMINATED NODE   READINESS GATES\n' +
        'pi-2xlxl   0/1     ContainerCreating   0          23s   <none>   calico-node1   <none>           <none>\n' +
        'pi-7wcbj   0/1     ContainerCreating   0          23s   <none>   calico-node2   <none>           <none>\n',
    );
  });

  it('prints Completed and Running pods with their IPs', () => {
    expect(
      table(
        'Pod',
        [
          pod('pi-2xlxl', { age: 434, phase: 'Succeeded', node: 'calico-node1', ip: '192.168.63.150', terminated: 'Completed' }),
          pod('pi-996x8', { age: 188, phase: 'Running', node: 'calico-node1', ip: '192.168.63.151', ready: true }),
        ],
        true,
      ),
    ).toBe(
      'NAME       READY   STATUS      RESTARTS   AGE     IP               NODE           NOMINATED NODE   READINESS GATES\n' +
        'pi-2xlxl   0/1     Completed   0          7m14s   192.168.63.150   calico-node1   <none>           <none>\n' +
        'pi-996x8   1/1     Running     0          3m8s    192.168.63.151   calico-node1   <none>           <none>\n',
    );
  });
});

describe('pod table (seed 001: liveness restarts, Deployment pods terminating)', () => {
  it('shows restarts with the age of the last one', () => {
    expect(table('Pod', [pod('kubia-liveness', { age: 249, phase: 'Running', ready: true, restarts: 2, lastRestart: 8 })])).toBe(
      'NAME             READY   STATUS    RESTARTS     AGE\nkubia-liveness   1/1     Running   2 (8s ago)   4m9s\n',
    );
  });

  it('shows Terminating for pods being deleted next to their replacements', () => {
    expect(
      table('Pod', [
        pod('kubia-9495d9bf5-5dwj7', { age: 1440, phase: 'Running', ready: true, deleting: true }),
        pod('kubia-9495d9bf5-kxcw5', { age: 9, phase: 'Pending', waiting: 'ContainerCreating' }),
      ]),
    ).toBe(
      'NAME                    READY   STATUS              RESTARTS   AGE\n' +
        'kubia-9495d9bf5-5dwj7   1/1     Terminating         0          24m\n' +
        'kubia-9495d9bf5-kxcw5   0/1     ContainerCreating   0          9s\n',
    );
  });
});

describe('node table', () => {
  it('prints roles, NotReady and SchedulingDisabled', () => {
    const node = (name: string, ready: string, labels: Record<string, string>, unschedulable = false): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: ago(3 * 86400), labels },
      spec: unschedulable ? { unschedulable: true } : {},
      status: { conditions: [{ type: 'Ready', status: ready }], nodeInfo: { kubeletVersion: 'v1.32.0' } },
    });
    expect(table('Node', [node('minikube', 'True', { 'node-role.kubernetes.io/control-plane': '' }), node('minikube-m02', 'Unknown', {}), node('minikube-m03', 'True', {}, true)])).toBe(
      'NAME           STATUS                     ROLES           AGE   VERSION\n' +
        'minikube       Ready                      control-plane   3d    v1.32.0\n' +
        'minikube-m02   NotReady                   <none>          3d    v1.32.0\n' +
        'minikube-m03   Ready,SchedulingDisabled   <none>          3d    v1.32.0\n',
    );
  });
});

describe('event table', () => {
  it('prints LAST SEEN, TYPE, REASON, OBJECT, MESSAGE', () => {
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'kubia-liveness.17', namespace: 'default', uid: 'e', resourceVersion: '1', creationTimestamp: ago(178) },
      involvedObject: { kind: 'Pod', name: 'kubia-liveness', namespace: 'default' },
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
      firstTimestamp: ago(178),
      lastTimestamp: ago(48),
      count: 6,
      source: { component: 'kubelet', host: 'minikube-m02' },
    };
    expect(table('Event', [ev])).toBe(
      'LAST SEEN   TYPE      REASON      OBJECT               MESSAGE\n48s         Warning   Unhealthy   pod/kubia-liveness   Liveness probe failed: HTTP probe failed with statuscode: 500\n',
    );
    expect(table('Event', [ev], true).split('\n')[1]).toBe(
      '48s         Warning   Unhealthy   pod/kubia-liveness               kubelet, minikube-m02   Liveness probe failed: HTTP probe failed with statuscode: 500   2m58s        6       kubia-liveness.17',
    );
  });
});
