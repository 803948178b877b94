/**
 * Model + positions → React Flow nodes and edges. A node object is reused when nothing about it
 * changed, and the arrays themselves when no node or edge changed, so React Flow (and its minimap)
 * re-render only the cards whose size or position changed. Pods are not part of a node: cards read
 * theirs from the graph store (graphStore.ts), so churning pods never hand React Flow new nodes.
 */
import { type Edge, MarkerType, type Node } from '@xyflow/react';
import type { GraphModel, Positions } from './model.ts';

export interface CardData extends Record<string, unknown> {
  id: string;
  kind: string;
  collapsed: boolean;
  width: number;
  height: number;
}

export type FlowCard = Node<CardData, 'owner' | 'node'>;

export interface Flow {
  nodes: FlowCard[];
  edges: Edge[];
  byId: ReadonlyMap<string, FlowCard>;
}

export function toFlow(model: GraphModel, positions: Positions, type: 'owner' | 'node', previous: Flow | undefined): Flow {
  const byId = new Map<string, FlowCard>();
  let changed = !previous || previous.nodes.length !== model.cards.length;
  const nodes = model.cards.map((c, i) => {
    const position = positions.get(c.id) ?? { x: 0, y: 0 };
    const prev = previous?.byId.get(c.id);
    const same =
      prev !== undefined &&
      prev.type === type &&
      prev.position.x === position.x &&
      prev.position.y === position.y &&
      prev.data.collapsed === c.collapsed &&
      prev.data.height === c.height &&
      prev.data.width === c.width;
    const node: FlowCard = same
      ? prev
      : {
          id: c.id,
          type,
          position,
          data: { id: c.id, kind: c.kind, collapsed: c.collapsed, width: c.width, height: c.height },
          // Known sizes let React Flow paint cards in their first frame (no measure-then-show pass)
          // and cull the ones outside the viewport before they were ever measured.
          initialWidth: c.width,
          initialHeight: c.height,
          draggable: false,
          connectable: false,
          selectable: false,
        };
    if (node !== previous?.nodes[i]) changed = true;
    byId.set(c.id, node);
    return node;
  });
  const edgesSame = previous !== undefined && previous.edges.length === model.edges.length && model.edges.every((e, i) => previous.edges[i]!.id === e.id);
  const edges: Edge[] = edgesSame
    ? previous.edges
    : model.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        ...(e.label ? { label: e.label } : {}),
        className: 'owner-edge',
        markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
        selectable: false,
      }));
  if (!changed && edgesSame && previous) return previous;
  return { nodes: changed || !previous ? nodes : previous.nodes, edges, byId };
}
