/**
 * Pod volumes and what the kubelet puts into every container's filesystem. A pod's volumes are
 * created once and shared by all its containers (init and main), which is how an init container
 * hands files to the main one:
 *
 * - emptyDir: an empty, writable directory that lives as long as the pod;
 * - configMap / secret / downwardAPI / projected: read-only files from the API objects (keys or
 *   `items`, `defaultMode`/`mode` execute bits honoured, a missing object fails the mount unless
 *   `optional`);
 * - hostPath: a directory of the node, shared by the pods on that node;
 * - persistentVolumeClaim: storage per claim, shared by every pod using the claim;
 * - anything else: an empty directory.
 */
import type { Container as ContainerSpec, Volume as VolumeSpec, KeyToPath } from 'kubernetes-types/core/v1';
import type { ConfigMap, Pod, Secret } from '../api/objects.ts';
import { fieldPathValue } from '../kubelet/env.ts';
import { type Mount, FileSystem, Volume } from './fs.ts';
import type { ImageSpec } from './images/image.ts';
import { DNS_SERVICE_IP, ClusterDns } from '../net/dns.ts';

export type ObjectLookup = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => ConfigMap | Secret | undefined;

export interface VolumeDeps {
  lookup: ObjectLookup;
  /** A node's directory for hostPath volumes. */
  hostPath(nodeName: string, path: string): Volume;
  /** The storage behind a PersistentVolumeClaim. */
  claim(namespace: string, claimName: string): Volume;
}

export class MountError extends Error {
  /** The volume being set up (set by PodVolumes). */
  volume = '';
}

const DEFAULT_MODE = 0o644;

function decodeSecret(secret: Secret, key: string): string | undefined {
  const v = secret.data?.[key];
  if (v !== undefined) return atob(v);
  return secret.stringData?.[key];
}

/** Files of a ConfigMap or Secret: every key, or just `items`. */
function keyFiles(data: Record<string, string>, items: KeyToPath[] | undefined, defaultMode: number | undefined, what: string): { path: string; text: string; mode: number }[] {
  const mode = defaultMode ?? DEFAULT_MODE;
  if (!items || items.length === 0) return Object.keys(data).sort().map((k) => ({ path: k, text: data[k]!, mode }));
  return items.map((it) => {
    if (!(it.key in data)) throw new MountError(`configmap references non-existent config key: ${it.key}`.replace('configmap', what));
    return { path: it.path, text: data[it.key]!, mode: it.mode ?? mode };
  });
}

function fill(volume: Volume, files: { path: string; text: string; mode: number }[]): void {
  for (const f of files) volume.put(f.path.replace(/^\/+/, ''), f.text, (f.mode & 0o111) !== 0);
}

/** Build one pod volume. Throws MountError with the kubelet's wording when it cannot be set up. */
export function buildVolume(spec: VolumeSpec, pod: Pod, deps: VolumeDeps): Volume {
  if (spec.configMap || spec.secret || spec.downwardAPI || spec.projected) {
    const v = new Volume(true);
    project(spec, pod, deps, v);
    return v;
  }
  if (spec.hostPath) return deps.hostPath(pod.spec?.nodeName ?? '', spec.hostPath.path);
  if (spec.persistentVolumeClaim) return deps.claim(pod.metadata.namespace ?? 'default', spec.persistentVolumeClaim.claimName);
  return new Volume(false);
}

/**
 * Write the files of a configMap, secret, downwardAPI or projected volume into `v` (a projected
 * volume's sources go straight in: every pod has one, kube-api-access).
 */
function project(spec: VolumeSpec, pod: Pod, deps: VolumeDeps, v: Volume): void {
  const ns = pod.metadata.namespace ?? 'default';
  if (spec.configMap) {
    const cm = deps.lookup('ConfigMap', ns, spec.configMap.name ?? '') as ConfigMap | undefined;
    if (!cm) {
      if (spec.configMap.optional) return;
      throw new MountError(`configmap "${spec.configMap.name}" not found`);
    }
    fill(v, keyFiles({ ...(cm.data ?? {}) }, spec.configMap.items, spec.configMap.defaultMode, 'configmap'));
  } else if (spec.secret) {
    const s = deps.lookup('Secret', ns, spec.secret.secretName ?? '') as Secret | undefined;
    if (!s) {
      if (spec.secret.optional) return;
      throw new MountError(`secret "${spec.secret.secretName}" not found`);
    }
    const data: Record<string, string> = {};
    for (const k of Object.keys({ ...(s.data ?? {}), ...(s.stringData ?? {}) })) data[k] = decodeSecret(s, k) ?? '';
    fill(v, keyFiles(data, spec.secret.items, spec.secret.defaultMode, 'secret'));
  } else if (spec.downwardAPI) {
    for (const item of spec.downwardAPI.items ?? []) {
      const text = item.fieldRef ? (fieldPathValue(pod, item.fieldRef.fieldPath) ?? '') : '';
      v.put(item.path, text, ((item.mode ?? spec.downwardAPI.defaultMode ?? DEFAULT_MODE) & 0o111) !== 0);
    }
  } else if (spec.projected) {
    for (const source of spec.projected.sources ?? []) {
      const sub: VolumeSpec = { name: spec.name };
      if (source.configMap) sub.configMap = { ...source.configMap, ...(spec.projected.defaultMode !== undefined ? { defaultMode: spec.projected.defaultMode } : {}) };
      else if (source.secret) sub.secret = { secretName: source.secret.name, ...(source.secret.items ? { items: source.secret.items } : {}), ...(source.secret.optional ? { optional: true } : {}) };
      else if (source.downwardAPI) sub.downwardAPI = source.downwardAPI;
      else if (source.serviceAccountToken) {
        v.put(source.serviceAccountToken.path, 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVzaW0ifQ.simulated.token');
        continue;
      } else continue;
      project(sub, pod, deps, v);
    }
  }
}

/** The pod's volumes, built on first use and shared by its containers. */
export class PodVolumes {
  private readonly volumes = new Map<string, Volume>();

  constructor(
    private readonly pod: Pod,
    private readonly deps: VolumeDeps,
  ) {}

  get(name: string): Volume {
    let v = this.volumes.get(name);
    if (!v) {
      const spec = (this.pod.spec?.volumes ?? []).find((x) => x.name === name);
      if (!spec) throw new MountError(`volume "${name}" not found in the pod spec`);
      try {
        v = buildVolume(spec, this.pod, this.deps);
      } catch (e) {
        if (e instanceof MountError) e.volume = name;
        throw e;
      }
      this.volumes.set(name, v);
    }
    return v;
  }
}

/** The kubelet-managed /etc/hosts (with the pod's FQDN when it has a subdomain). */
export function hostsFile(pod: Pod, podIp: string, hostname: string): string {
  const ns = pod.metadata.namespace ?? 'default';
  const sub = pod.spec?.subdomain;
  const names = sub ? `${hostname}.${sub}.${ns}.svc.cluster.local\t${hostname}` : hostname;
  return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${podIp}\t${names}\n`;
}

export function resolvConf(namespace: string): string {
  return `search ${ClusterDns.searchDomains(namespace).join(' ')}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:5\n`;
}

/** Each image's files as a layer, built once: every container's own layer lies over it. */
const imageLayers = new WeakMap<ImageSpec, Volume>();

function imageLayer(image: ImageSpec): Volume {
  let layer = imageLayers.get(image);
  if (!layer) {
    layer = new Volume(true);
    for (const [p, t] of Object.entries(image.files)) layer.put(p.replace(/^\//, ''), t, Object.hasOwn(image.paths ?? {}, p));
    for (const d of ['tmp', 'root', 'var/log', 'dev', 'proc', 'etc']) layer.addDir(d);
    imageLayers.set(image, layer);
  }
  return layer;
}

/** A container's filesystem: a fresh image layer with the kubelet's files, plus its volume mounts. */
export function containerFs(options: { image: ImageSpec; pod: Pod; podIp: string; hostname: string; spec: ContainerSpec; volumes: PodVolumes }): FileSystem {
  const root = imageLayer(options.image).overlay();
  root.put('etc/hosts', hostsFile(options.pod, options.podIp, options.hostname));
  root.put('etc/hostname', `${options.hostname}\n`);
  root.put('etc/resolv.conf', resolvConf(options.pod.metadata.namespace ?? 'default'));
  root.put('dev/termination-log', '');
  const mounts: Mount[] = (options.spec.volumeMounts ?? []).map((m) => ({ path: m.mountPath, volume: options.volumes.get(m.name), sub: m.subPath ?? '', readOnly: m.readOnly ?? false }));
  return new FileSystem(root, mounts);
}
