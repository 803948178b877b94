/**
 * The graph panel: Ownership and Placement views of the live cluster (React Flow: pan, zoom,
 * minimap), "Add node", the status legend, and the empty-cluster prompt. Models are rebuilt when
 * the relevant id lists or records change; layouts only when the topology does.
 */
import { Background, Controls, MiniMap, ReactFlow, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { EXAMPLES } from '../../scenarios/playground.ts';
import { addNodeCommand } from '../actions/actions.ts';
import { engine } from '../state/engine.ts';
import { useClusterStore } from '../state/cluster.ts';
import { useUiStore } from '../state/ui.ts';
import { openExample } from '../state/workspace.ts';
import { cachedLayout, dagreLayout } from './layout.ts';
import { gridLayout, ownershipModel, placementModel } from './model.ts';
import { NodeCard } from './NodeCard.tsx';
import { OwnerCard } from './OwnerCard.tsx';
import { type FlowCard, toFlow } from './flow.ts';
import { STATUS_LEGEND } from './status.ts';

const nodeTypes = { owner: OwnerCard, node: NodeCard };
const ownershipLayout = cachedLayout(dagreLayout);
const placementLayout = cachedLayout((m) => gridLayout(m, 2));

/** Re-derive the model at most once per cluster version. */
function useModel(view: 'ownership' | 'placement') {
  const version = useClusterStore((s) => s.version);
  const prev = useRef(new Map<string, FlowCard>());
  return useMemo(() => {
    void version;
    const { records, ids } = useClusterStore.getState();
    const model = view === 'ownership' ? ownershipModel(records, ids) : placementModel(records, ids);
    const positions = view === 'ownership' ? ownershipLayout(model) : placementLayout(model);
    const flow = toFlow(model, positions, view === 'ownership' ? 'owner' : 'node', prev.current);
    prev.current = flow.byId;
    return { ...flow, topologyKey: model.topologyKey, workloads: model.cards.length };
  }, [version, view]);
}

function EmptyState() {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h3>The cluster is waiting for work</h3>
      <p>Open an example in the editor and press Apply (Ctrl+Enter):</p>
      <div className="examples">
        {EXAMPLES.slice(0, 3).map((ex) => (
          <button key={ex.fileName} type="button" onClick={() => openExample(ex)}>
            {ex.title}
          </button>
        ))}
      </div>
    </div>
  );
}

function Legend() {
  return (
    <div className="legend" aria-label="pod status legend">
      {STATUS_LEGEND.map((l) => (
        <span key={l.cls}>
          <i className={`pod-chip s-${l.cls}`} /> {l.label}
        </span>
      ))}
      <span>
        <i className="pod-chip s-running daemon" /> DaemonSet pod
      </span>
    </div>
  );
}

export function GraphPanel() {
  const view = useUiStore((s) => s.graphView);
  const theme = useUiStore((s) => s.theme);
  const ready = useClusterStore((s) => s.ready);
  const { nodes, edges, topologyKey } = useModel(view);
  const userWorkloads = useClusterStore((s) => (s.ids.Pod ?? []).some((uid) => s.records.get(uid)?.namespace !== 'kube-system') || ['Job', 'CronJob', 'Deployment'].some((k) => (s.ids[k]?.length ?? 0) > 0));
  const [flow, setFlow] = useState<ReactFlowInstance<FlowCard> | undefined>();
  const cardCount = nodes.length;
  // Edges change only with the topology; keep their identity otherwise.
  const memoEdges = useMemo(() => edges, [topologyKey]);

  // Fit the view when the set of cards changes (not on every status change).
  const lastFit = useRef('');
  useEffect(() => {
    const key = `${view}|${cardCount}`;
    if (!flow || key === lastFit.current) return;
    lastFit.current = key;
    setTimeout(() => void flow.fitView({ padding: { top: '16px', right: '24px', bottom: '72px', left: '24px' }, maxZoom: 1.1, duration: 0 }), 80);
  }, [flow, view, cardCount]);

  return (
    <section className="panel graph-panel" aria-label="graph">
      <header className="panel-head">
        <h2>Graph</h2>
        <div className="segmented" role="tablist">
          {(['ownership', 'placement'] as const).map((v) => (
            <button key={v} role="tab" type="button" aria-selected={view === v} className={view === v ? 'on' : ''} onClick={() => useUiStore.getState().setGraphView(v)}>
              {v === 'ownership' ? 'Ownership' : 'Placement'}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button
          type="button"
          className="ghost"
          title="Add a worker node (sim node add)"
          onClick={() => {
            const s = useClusterStore.getState();
            void engine.run(addNodeCommand((s.ids.Node ?? []).map((uid) => s.records.get(uid)!.name)));
          }}
        >
          ⊕ node
        </button>
      </header>
      <div className="graph-body" onClick={() => useUiStore.getState().closeMenu()}>
        {!ready ? <div className="loading">Booting the cluster…</div> : null}
        <ReactFlow<FlowCard>
          nodes={nodes}
          edges={memoEdges}
          nodeTypes={nodeTypes}
          onInit={setFlow}
          onNodeClick={(_e, n) => useUiStore.getState().select(n.id.includes(':') || n.id === 'unscheduled' ? undefined : n.id)}
          onPaneClick={() => useUiStore.getState().select(undefined)}
          colorMode={theme}
          minZoom={0.1}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          onlyRenderVisibleElements
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} size={1} />
          <Controls showInteractive={false} position="top-left" />
          <MiniMap pannable zoomable nodeStrokeWidth={2} style={{ width: 120, height: 80 }} />
        </ReactFlow>
        {ready && view === 'ownership' && !userWorkloads ? <EmptyState /> : null}
        <Legend />
      </div>
    </section>
  );
}
