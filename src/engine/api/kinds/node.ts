/** Node: cluster-scoped; the simulation creates them (`sim node add`), users label, taint and cordon them. */
import { type KindDef, registerKind } from '../kinds.ts';
import type { Node } from '../objects.ts';
import { notSupported, required } from '../fieldErrors.ts';
import { validateObjectMeta } from '../validation.ts';
import { validateLabelKey } from '../labels.ts';

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
  validate(node) {
    const errs = validateObjectMeta(node.metadata, 'subdomain');
    (node.spec?.taints ?? []).forEach((t, i) => {
      const path = `spec.taints[${i}]`;
      if (!t.key) errs.push(required(`${path}.key`));
      else {
        const msg = validateLabelKey(t.key);
        if (msg) errs.push({ type: 'Invalid', field: `${path}.key`, value: t.key, detail: msg });
      }
      if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${path}.effect`, t.effect, TAINT_EFFECTS));
    });
    return errs;
  },
};

registerKind(nodeKind);
