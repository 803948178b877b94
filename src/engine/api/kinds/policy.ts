/**
 * policy/v1 PodDisruptionBudget: validation (pkg/apis/policy/validation
 * ValidatePodDisruptionBudgetSpec) and the registry strategy (status starts empty, generation
 * tracks the spec). The disruption controller keeps its status; the Eviction API consults it.
 */
import { type KindDef, registerKind } from '../kinds.ts';
import type { PodDisruptionBudget } from '../objects.ts';
import { type FieldError, invalid, notSupported } from '../fieldErrors.ts';
import { fromLabelSelector } from '../labels.ts';
import { validateNonNegative, validateObjectMeta } from '../validation.ts';
import { intOrStringGoSyntax } from './apps.ts';

const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function validateIntOrPercent(v: number | string | undefined, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return validateNonNegative(v, field);
  if (!/^[0-9]+%$/.test(v)) return [invalid(field, intOrStringGoSyntax(v), PERCENT_MSG)];
  return parseInt(v, 10) > 100 ? [invalid(field, v, 'must not be greater than 100%')] : [];
}

export const podDisruptionBudgetKind: KindDef<PodDisruptionBudget> = {
  kind: 'PodDisruptionBudget',
  apiVersion: 'policy/v1',
  group: 'policy',
  version: 'v1',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  shortNames: ['pdb'],
  namespaced: true,
  hasStatus: true,
  tracksGeneration: true,
  defaults(pdb) {
    pdb.spec ??= {};
  },
  prepareForCreate(pdb) {
    pdb.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate(pdb) {
    const spec = pdb.spec ?? {};
    const errs = validateObjectMeta(pdb.metadata, 'subdomain');
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
      errs.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
    }
    errs.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
    errs.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
    const sel = fromLabelSelector(spec.selector);
    if (sel instanceof Error) errs.push(invalid('spec.selector', spec.selector, sel.message));
    const policy = spec.unhealthyPodEvictionPolicy;
    if (policy !== undefined && !POLICIES.includes(policy)) errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, POLICIES));
    return errs;
  },
};

registerKind(podDisruptionBudgetKind);
