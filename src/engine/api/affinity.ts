/**
 * Validation of a pod's affinity (pkg/apis/core/validation: validateAffinity, ValidateNodeSelector,
 * ValidateNodeSelectorRequirement, ValidatePreferredSchedulingTerms, validatePodAffinityTerm), in
 * our words with upstream's messages.
 */
import type { Affinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { type FieldError, forbidden, invalid, required } from './fieldErrors.ts';
import { validateLabelKey } from './labels.ts';

function validateRequirement(req: NodeSelectorRequirement, path: string, byField: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      else if (byField && values.length !== 1) errs.push(required(`${path}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (byField) errs.push(invalid(`${path}.operator`, req.operator, 'not a valid selector operator'));
      else if (values.length > 0) errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (byField) errs.push(invalid(`${path}.operator`, req.operator, 'not a valid selector operator'));
      else if (values.length !== 1) errs.push(required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(`${path}.operator`, req.operator ?? '', 'not a valid selector operator'));
  }
  if (byField) {
    if (req.key !== 'metadata.name') errs.push(invalid(`${path}.key`, req.key ?? '', 'not a valid field selector key'));
  } else {
    const msg = validateLabelKey(req.key ?? '');
    if (msg) errs.push(invalid(`${path}.key`, req.key ?? '', msg));
  }
  return errs;
}

function validateTerm(term: NodeSelectorTerm | undefined, path: string): FieldError[] {
  return [
    ...(term?.matchExpressions ?? []).flatMap((r, i) => validateRequirement(r, `${path}.matchExpressions[${i}]`, false)),
    ...(term?.matchFields ?? []).flatMap((r, i) => validateRequirement(r, `${path}.matchFields[${i}]`, true)),
  ];
}

function validateNodeSelector(selector: NodeSelector, path: string): FieldError[] {
  const terms = selector.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [required(`${path}.nodeSelectorTerms`, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateTerm(t, `${path}.nodeSelectorTerms[${i}]`));
}

function validateWeight(weight: number | undefined, path: string): FieldError[] {
  return weight === undefined || weight <= 0 || weight > 100 ? [invalid(`${path}.weight`, weight ?? 0, 'must be in the range 1-100')] : [];
}

function validatePodAffinityTerm(term: PodAffinityTerm | undefined, path: string): FieldError[] {
  if (!term?.topologyKey) return [required(`${path}.topologyKey`, 'can not be empty')];
  const msg = validateLabelKey(term.topologyKey);
  return msg ? [invalid(`${path}.topologyKey`, term.topologyKey, msg)] : [];
}

function validatePodAffinityTerms(required: PodAffinityTerm[] | undefined, preferred: WeightedPodAffinityTerm[] | undefined, path: string): FieldError[] {
  return [
    ...(required ?? []).flatMap((t, i) => validatePodAffinityTerm(t, `${path}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)),
    ...(preferred ?? []).flatMap((t, i) => {
      const p = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      return [...validateWeight(t.weight, p), ...validatePodAffinityTerm(t.podAffinityTerm, `${p}.podAffinityTerm`)];
    }),
  ];
}

/** validateAffinity with `path` as the affinity's field path (`spec.affinity`). */
export function validateAffinity(affinity: Affinity | undefined, path: string): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const node = affinity.nodeAffinity;
  if (node?.requiredDuringSchedulingIgnoredDuringExecution) {
    errs.push(...validateNodeSelector(node.requiredDuringSchedulingIgnoredDuringExecution, `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`));
  }
  (node?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
    const p = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    errs.push(...validateWeight(t.weight, p), ...validateTerm(t.preference, `${p}.preference`));
  });
  const pa = affinity.podAffinity;
  const paa = affinity.podAntiAffinity;
  errs.push(...validatePodAffinityTerms(pa?.requiredDuringSchedulingIgnoredDuringExecution, pa?.preferredDuringSchedulingIgnoredDuringExecution, `${path}.podAffinity`));
  errs.push(...validatePodAffinityTerms(paa?.requiredDuringSchedulingIgnoredDuringExecution, paa?.preferredDuringSchedulingIgnoredDuringExecution, `${path}.podAntiAffinity`));
  return errs;
}
