/**
 * spec.successPolicy for Indexed Jobs (pkg/controller/job/success_policy.go, in our words): a rule
 * matches when all its `succeededIndexes` succeeded, or at least `succeededCount` of them (of any
 * index when only a count is given). The first matching rule makes the Job SuccessCriteriaMet.
 */
import type { SuccessPolicy } from 'kubernetes-types/batch/v1';
import { type Intervals, intervalsTotal, parseIntervals } from './indexed.ts';

/** How many indexes of `rule` are in `succeeded`. */
function overlap(rule: Intervals, succeeded: Intervals): number {
  let n = 0;
  for (const r of rule) {
    for (const s of succeeded) {
      const o = Math.min(r.last, s.last) - Math.max(r.first, s.first) + 1;
      if (o > 0) n += o;
    }
  }
  return n;
}

/** `Matched rules at index N` for the first matching rule, or undefined. */
export function matchSuccessPolicy(policy: SuccessPolicy | undefined, completions: number, succeeded: Intervals): string | undefined {
  if (!policy || succeeded.length === 0) return undefined;
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    const message = `Matched rules at index ${index}`;
    if (rule.succeededIndexes !== undefined) {
      const required = parseIntervals(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      const have = overlap(required, succeeded);
      if (have === intervalsTotal(required) || (rule.succeededCount !== undefined && have >= rule.succeededCount)) return message;
    } else if (rule.succeededCount !== undefined && intervalsTotal(succeeded) >= rule.succeededCount) {
      return message;
    }
  }
  return undefined;
}
