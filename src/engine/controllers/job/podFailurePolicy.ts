/**
 * spec.podFailurePolicy matching (pkg/controller/job/pod_failure_policy.go, in our words): rules
 * are tried in order and the first match decides. `onExitCodes` looks at terminated containers
 * (then init containers) with a non-zero exit code; `onPodConditions` at the pod's conditions.
 */
import type { PodFailurePolicy } from 'kubernetes-types/batch/v1';
import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { Pod } from '../../api/objects.ts';

export type PodFailureAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PolicyMatch {
  /** Set when a FailJob rule matched: the Job's failure message. */
  failJobMessage?: string;
  /** Whether the failure counts towards backoffLimit (false for Ignore). */
  countFailed: boolean;
  action?: PodFailureAction;
}

type OnExitCodes = NonNullable<PodFailurePolicy['rules'][number]['onExitCodes']>;

function exitCodeMatches(code: number, req: OnExitCodes): boolean {
  if (req.operator === 'In') return req.values.includes(code);
  if (req.operator === 'NotIn') return !req.values.includes(code);
  return false;
}

function matchingContainer(statuses: readonly ContainerStatus[] | undefined, req: OnExitCodes): ContainerStatus | undefined {
  for (const s of statuses ?? []) {
    const t = s.state?.terminated;
    if (!t) continue; // still running or terminating: no exit code to match
    if (req.containerName !== undefined && req.containerName !== s.name) continue;
    if (t.exitCode !== 0 && exitCodeMatches(t.exitCode, req)) return s;
  }
  return undefined;
}

/** Match a failed pod against the policy. No policy or no match: counted normally. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod): PolicyMatch {
  if (!policy) return { countFailed: true };
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    const action = rule.action as PodFailureAction;
    let what: string | undefined;
    if (rule.onExitCodes) {
      const c = matchingContainer(pod.status?.containerStatuses, rule.onExitCodes) ?? matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (c) what = `Container ${c.name} for pod ${ns}/${name} failed with exit code ${c.state!.terminated!.exitCode}`;
    } else if (rule.onPodConditions) {
      const cond = pod.status?.conditions?.find((pc) => rule.onPodConditions!.some((p) => p.type === pc.type && (p.status ?? 'True') === pc.status));
      if (cond) what = `Pod ${ns}/${name} has condition ${cond.type}`;
    }
    if (what === undefined) continue;
    switch (action) {
      case 'Ignore':
        return { countFailed: false, action };
      case 'FailIndex':
        return { countFailed: true, action };
      case 'Count':
        return { countFailed: true, action };
      case 'FailJob':
        return { failJobMessage: `${what} matching FailJob rule at index ${index}`, countFailed: true, action };
    }
  }
  return { countFailed: true };
}
