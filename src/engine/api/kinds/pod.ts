/**
 * Pod: defaulting (pkg/apis/core/v1/defaults.go), the admission plugins that run on every pod create
 * (ServiceAccount token volume, DefaultTolerationSeconds, Priority), and validation including the
 * narrow set of fields a pod update may change (pkg/apis/core/validation ValidatePodUpdate).
 */
import type { Container, Toleration } from 'kubernetes-types/core/v1';
import { type KindDef, registerKind } from '../kinds.ts';
import { type Pod, deepEqual, deepFreeze } from '../objects.ts';
import { defaultPodSpec, validatePodSpec } from '../podSpec.ts';
import { forbidden } from '../fieldErrors.ts';
import { validateObjectMeta } from '../validation.ts';
import { milli } from '../quantity.ts';

/** The API server's generateName alphabet (no vowels, no confusable digits). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export const DEFAULT_TOLERATION_SECONDS = 300;

/** QoS class as the API server computes it at create time (pkg/apis/core/helper/qos). */
export function qosClass(pod: Pick<Pod, 'spec'>): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && milli(req[r]) !== milli(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const UPDATABLE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * Whether two pod specs agree on everything an update may not change: all but the containers'
 * images, activeDeadlineSeconds, tolerations and terminationGracePeriodSeconds.
 */
function sameImmutableSpec(a: Pod['spec'], b: Pod['spec']): boolean {
  if (a === b) return true;
  const fixed = (spec: Pod['spec']) => {
    const { activeDeadlineSeconds: _d, tolerations: _t, terminationGracePeriodSeconds: _g, containers, initContainers, ...rest } = spec ?? { containers: [] };
    const withoutImage = (list: readonly Container[] | undefined) => list?.map(({ image: _i, ...c }) => c);
    return { rest, containers: withoutImage(containers), initContainers: withoutImage(initContainers) };
  };
  return deepEqual(fixed(a), fixed(b));
}

// What admission adds to every pod, shared by all of them (stored objects are never mutated).
const SERVICE_ACCOUNT_PROJECTION = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
});
const DEFAULT_TOLERATIONS: Record<string, Toleration> = Object.fromEntries(
  ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => [key, deepFreeze({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS })]),
);

export const podKind: KindDef<Pod> = {
  kind: 'Pod',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  categories: ['all'],
  hasStatus: true,
  tracksGeneration: false,
  defaults(pod) {
    pod.spec ??= { containers: [] };
    defaultPodSpec(pod.spec);
  },
  prepareForCreate(pod, ctx) {
    const spec = pod.spec!;
    // ServiceAccount admission: the default account and its projected token volume.
    spec.serviceAccountName ??= 'default';
    spec.serviceAccount = spec.serviceAccountName;
    if (spec.automountServiceAccountToken !== false && !(spec.volumes ?? []).some((v) => v.name?.startsWith('kube-api-access-'))) {
      const volume = `kube-api-access-${ctx.rng.string(5, NAME_SUFFIX_ALPHABET)}`;
      spec.volumes = [
        ...(spec.volumes ?? []),
        {
          name: volume,
          projected: SERVICE_ACCOUNT_PROJECTION,
        },
      ];
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        c.volumeMounts = [...(c.volumeMounts ?? []), { name: volume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }];
      }
    }
    // DefaultTolerationSeconds admission: tolerate not-ready/unreachable for 300 s unless already tolerated.
    const tolerations = spec.tolerations ?? [];
    for (const key in DEFAULT_TOLERATIONS) {
      const tolerated = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
      if (!tolerated) tolerations.push(DEFAULT_TOLERATIONS[key]!);
    }
    spec.tolerations = tolerations;
    // Priority admission.
    spec.priority ??= 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
    pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
  },
  validate(pod, _ctx, old) {
    // Most pod updates (finalizers, labels) keep the stored spec.
    const specErrors = old && pod.spec === old.spec ? [] : validatePodSpec(pod.spec, 'spec');
    return [...validateObjectMeta(pod.metadata, 'subdomain'), ...specErrors];
  },
  validateUpdate(pod, old) {
    if (!sameImmutableSpec(pod.spec, old.spec)) return [forbidden('spec', UPDATABLE_MESSAGE)];
    return [];
  },
};

registerKind(podKind);
