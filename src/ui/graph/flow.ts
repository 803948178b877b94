/**
 * Model + positions → React Flow nodes and edges. Node objects are reused when nothing about them
 * changed, so React Flow re-renders only the cards whose pods or position changed.
 */
import type { Edge, Node } from '@xyflow/react';
import type { GraphModel } from './model.ts';
import type { Positions } from './layout.ts';

export type FlowCard = Node<{ id: string; kind: string; podIds: readonly string[] }, 'owner' | 'node'>;

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toFlow(model: GraphModel, positions: Positions, type: 'owner' | 'node', previous: ReadonlyMap<string, FlowCard>): { nodes: FlowCard[]; edges: Edge[]; byId: Map<string, FlowCard> } {
  const byId = new Map<string, FlowCard>();
  const nodes = model.cards.map((c) => {
    const position = positions.get(c.id) ?? { x: 0, y: 0 };
    const prev = previous.get(c.id);
    const node: FlowCard =
      prev && prev.position.x === position.x && prev.position.y === position.y && sameIds(prev.data.podIds, c.podIds)
        ? prev
        : { id: c.id, type, position, data: { id: c.id, kind: c.kind, podIds: c.podIds }, draggable: false, connectable: false, selectable: false };
    byId.set(c.id, node);
    return node;
  });
  const edges: Edge[] = model.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, ...(e.label ? { label: e.label } : {}), className: 'owner-edge', selectable: false }));
  return { nodes, edges, byId };
}
