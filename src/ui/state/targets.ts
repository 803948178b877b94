/** An object record as the target of an action. */
import type { ObjectRecord } from '../../worker/protocol.ts';
import type { ActionTarget } from '../actions/actions.ts';

export function targetOf(r: ObjectRecord): ActionTarget {
  return {
    uid: r.uid,
    kind: r.kind,
    name: r.name,
    ...(r.namespace ? { namespace: r.namespace } : {}),
    labels: r.labels ?? {},
    summary: r.summary,
  };
}
