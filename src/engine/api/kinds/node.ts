/** Node: cluster-scoped; the simulation creates them (`sim node add`), users label, taint and cordon them. */
import { type KindDef, registerKind } from '../kinds.ts';
import type { Node } from '../objects.ts';
import { GoSyntax, invalid, notSupported, required } from '../fieldErrors.ts';
import { validateObjectMeta } from '../validation.ts';
import { validateLabelKey, validateLabelValue } from '../labels.ts';
import { formatTime } from '../time.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export const nodeKind: KindDef<Node> = {
  kind: 'Node',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  hasStatus: true,
  tracksGeneration: false,
  defaults(node) {
    node.spec ??= {};
  },
  prepareForCreate(node, ctx) {
    stampNoExecuteTaints(node, undefined, ctx.nowMs);
  },
  prepareForUpdate(node, old, ctx) {
    stampNoExecuteTaints(node, old, ctx.nowMs);
  },
  validate(node) {
    const errs = validateObjectMeta(node.metadata, 'subdomain');
    const seen = new Set<string>();
    (node.spec?.taints ?? []).forEach((t, i) => {
      const path = `spec.taints[${i}]`;
      const keyError = validateLabelKey(t.key ?? '');
      if (keyError) errs.push(invalid(`${path}.key`, t.key ?? '', keyError));
      const valueError = validateLabelValue(t.value ?? '');
      if (valueError) errs.push(invalid(`${path}.value`, t.value ?? '', valueError));
      if (!t.effect) errs.push(required(`${path}.effect`));
      else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${path}.effect`, t.effect, TAINT_EFFECTS));
      const identity = `${t.effect}\u0000${t.key}`;
      if (seen.has(identity)) {
        const goValue = new GoSyntax(`core.Taint{Key:${JSON.stringify(t.key)}, Value:${JSON.stringify(t.value ?? '')}, Effect:${JSON.stringify(t.effect)}, TimeAdded:<nil>}`);
        errs.push({ type: 'Duplicate', field: path, value: goValue, detail: 'taints must be unique by key and effect pair' });
      }
      seen.add(identity);
    });
    return errs;
  },
};

/**
 * The node strategy stamps NoExecute taints with timeAdded (taint eviction counts tolerationSeconds
 * from it): a taint the node already had keeps its time, a new one gets now.
 */
function stampNoExecuteTaints(node: Node, old: Node | undefined, nowMs: number): void {
  for (const t of node.spec?.taints ?? []) {
    if (t.effect !== 'NoExecute' || t.timeAdded) continue;
    const previous = old?.spec?.taints?.find((o) => o.key === t.key && o.value === t.value && o.effect === t.effect);
    t.timeAdded = previous?.timeAdded ?? formatTime(nowMs);
  }
}

registerKind(nodeKind);
