/**
 * Node labels as chips, and dragging them: any label chip (on a node card, in the palette of
 * labels the workloads select on) can be dropped on a node card to give that node the label —
 * through `kubectl label node`, echoed in the terminal like every action.
 */
import { type DragEvent, useState } from 'react';
import { labelNodeCommand } from '../actions/actions.ts';
import { engine } from '../state/engine.ts';
import { useClusterStore } from '../state/cluster.ts';

export const LABEL_MIME = 'application/x-kubesim-label';

/** `example.com/role=web` → the prefix dimmed, the name and value plain; a key alone when value is empty. */
export function LabelChip({ k, v, draggable = true }: { k: string; v: string; draggable?: boolean }) {
  const slash = k.lastIndexOf('/');
  const text = v ? `${k}=${v}` : k;
  return (
    <span
      className={`label-chip${draggable ? ' nodrag nopan draggable' : ''}`}
      title={`${text}${draggable ? '\nDrag onto a node to label it' : ''}`}
      data-label={text}
      draggable={draggable}
      onDragStart={(e) => {
        e.dataTransfer.setData(LABEL_MIME, JSON.stringify([k, v]));
        e.dataTransfer.setData('text/plain', text);
        e.dataTransfer.effectAllowed = 'copy';
      }}
    >
      {slash >= 0 ? <span className="label-prefix">{k.slice(0, slash + 1)}</span> : null}
      {k.slice(slash + 1)}
      {v ? <span className="label-value">={v}</span> : null}
    </span>
  );
}

/** Drop handlers for a node card: returns the props to spread and whether a label hovers it. */
export function useLabelDrop(nodeUid: string) {
  const [over, setOver] = useState(false);
  const accepts = (e: DragEvent) => e.dataTransfer.types.includes(LABEL_MIME);
  return {
    over,
    props: {
      onDragOver: (e: DragEvent) => {
        if (!accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        if (!over) setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent) => {
        setOver(false);
        if (!accepts(e)) return;
        e.preventDefault();
        const [k, v] = JSON.parse(e.dataTransfer.getData(LABEL_MIME)) as [string, string];
        const node = useClusterStore.getState().records.get(nodeUid);
        if (!node) return;
        const labels = node.labels ?? {};
        if (labels[k] === v) return; // already labelled so: nothing to do
        void engine.run(labelNodeCommand({ name: node.name, labels }, k, v));
      },
    },
  };
}

/**
 * Labels worth dragging: every `nodeSelector` term the cluster's workloads ask for (the seeds'
 * DaemonSet wants disk=ssd), so the palette offers exactly what would make their pods land.
 * Returned as sorted `key=value` strings (a stable selector result).
 */
export function wantedLabels(s: ReturnType<typeof useClusterStore.getState>): string[] {
  const seen = new Set<string>();
  for (const kind of ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob']) {
    for (const uid of s.ids[kind] ?? []) {
      const spec = s.records.get(uid)?.object?.spec as { template?: PodTemplate; jobTemplate?: { spec?: { template?: PodTemplate } } } | undefined;
      const selector = spec?.template?.spec?.nodeSelector ?? spec?.jobTemplate?.spec?.template?.spec?.nodeSelector ?? {};
      for (const [k, v] of Object.entries(selector)) seen.add(`${k}=${v}`);
    }
  }
  return [...seen].sort();
}

type PodTemplate = { spec?: { nodeSelector?: Record<string, string> } };
