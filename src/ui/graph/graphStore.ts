/**
 * The graph derived from the cluster mirror, outside React: rebuilt when the cluster's structure
 * or the chosen view changes (never on a status change alone), in the same tick as the store
 * update that caused it, so React renders both in one pass.
 *
 * It holds two things with different lifetimes: the React Flow nodes and edges (new only when a
 * card appears, moves or changes size) and each card's pod ids (new for the cards whose pods came
 * or went). Cards read their pods here, so pods churning never hand React Flow new nodes — its
 * internals (measuring, resize observers, the minimap) stay still while the chips change.
 */
import { create } from 'zustand';
import { useClusterStore } from '../state/cluster.ts';
import { type GraphView, useUiStore } from '../state/ui.ts';
import { type Flow, toFlow } from './flow.ts';
import { cachedLayout, ownershipLayout } from './layout.ts';
import { gridLayout, ownershipModel, placementModel } from './model.ts';

const EMPTY: readonly string[] = [];
const layouts = { ownership: cachedLayout(ownershipLayout), placement: cachedLayout(gridLayout) };

export interface GraphState {
  view: GraphView;
  flow: Flow;
  /** Pod uids per card id. */
  pods: Readonly<Record<string, readonly string[]>>;
  totalPods: number;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const previousFlow: Partial<Record<GraphView, Flow>> = {};

function derive(prev: GraphState | undefined): GraphState {
  const { records, ids } = useClusterStore.getState();
  const view = useUiStore.getState().graphView;
  const model = view === 'ownership' ? ownershipModel(records, ids) : placementModel(records, ids);
  const flow = toFlow(model, layouts[view](model), view === 'ownership' ? 'owner' : 'node', previousFlow[view]);
  previousFlow[view] = flow;
  const pods: Record<string, readonly string[]> = {};
  let podsChanged = !prev || prev.view !== view || Object.keys(prev.pods).length !== model.cards.length;
  for (const c of model.cards) {
    const old = prev?.pods[c.id];
    pods[c.id] = old && sameIds(old, c.podIds) ? old : c.podIds;
    if (pods[c.id] !== old) podsChanged = true;
  }
  return { view, flow, pods: podsChanged || !prev ? pods : prev.pods, totalPods: model.totalPods };
}

export const useGraphStore = create<GraphState>()(() => derive(undefined));

function rebuild(): void {
  useGraphStore.setState((s) => derive(s));
}

useClusterStore.subscribe((s, prev) => {
  if (s.structure !== prev.structure) rebuild();
});
useUiStore.subscribe((s, prev) => {
  if (s.graphView !== prev.graphView) rebuild();
});

/** A card's pods. */
export const useCardPods = (cardId: string): readonly string[] => useGraphStore((s) => s.pods[cardId] ?? EMPTY);
