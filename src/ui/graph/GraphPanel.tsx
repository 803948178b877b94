/**
 * The graph panel: Ownership and Placement views of the live cluster (React Flow: pan, zoom,
 * minimap), "Add node", the palette of labels workloads select on (placement: drag one onto a
 * node), the status legend below the canvas, and the empty-cluster prompt. What it draws comes
 * from the graph store (graphStore.ts): rebuilt on structural changes only, with React Flow's
 * arrays new only when a card or edge changed.
 */
import { Background, Controls, type Edge, MiniMap, ReactFlow, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EXAMPLES } from '../../scenarios/playground.ts';
import { addNodeCommand } from '../actions/actions.ts';
import { useClusterStore } from '../state/cluster.ts';
import { engine } from '../state/engine.ts';
import { useScenarioStore } from '../state/scenario.ts';
import { graphCommitted, markBoot } from '../state/perf.ts';
import { type Theme, useUiStore } from '../state/ui.ts';
import { openExample } from '../state/workspace.ts';
import type { FlowCard } from './flow.ts';
import { useGraphStore } from './graphStore.ts';
import { LabelChip, wantedLabels } from './LabelChip.tsx';
import { DENSE_AT } from './model.ts';
import { NodeCard } from './NodeCard.tsx';
import { OwnerCard } from './OwnerCard.tsx';
import { STATUS_LEGEND } from './status.ts';

const nodeTypes = { owner: OwnerCard, node: NodeCard };
const FIT_PADDING = { top: '56px', right: '24px', bottom: '24px', left: '56px' } as const;
/** The minimap earns its corner once the graph no longer fits comfortably in view. */
const MINIMAP_FROM = 8;

function EmptyState() {
  return (
    <div className="empty-state" data-testid="empty-state">
      <span>
        <b>The cluster is waiting for work.</b> Open an example, then Apply (Ctrl+Enter):
      </span>
      <span className="examples">
        {EXAMPLES.slice(0, 3).map((ex) => (
          <button key={ex.fileName} type="button" className="small" title={ex.title} onClick={() => openExample(ex)}>
            {ex.title.split(':')[0]}
          </button>
        ))}
      </span>
    </div>
  );
}

function Legend({ totalPods, nodes }: { totalPods: number; nodes: number }) {
  return (
    <footer className="graph-legend" aria-label="pod status legend">
      {STATUS_LEGEND.map((l) => (
        <span key={l.cls}>
          <i className={`pod-chip s-${l.cls}`} /> {l.label}
        </span>
      ))}
      <span>
        <i className="pod-chip s-running daemon" /> DaemonSet pod
      </span>
      <span className="spacer" />
      <span className="muted" data-testid="graph-totals">
        {totalPods} pods · {nodes} nodes{totalPods >= DENSE_AT ? ' · counts per card' : ''}
      </span>
    </footer>
  );
}

/**
 * What the benchmarks wait for: a commit that changed the cards or their pods. Its own component,
 * so pods coming and going re-render this probe, not the panel and React Flow.
 */
function CommitProbe({ ready }: { ready: boolean }) {
  const nodes = useGraphStore((s) => s.flow.nodes);
  const pods = useGraphStore((s) => s.pods);
  useEffect(() => {
    graphCommitted();
    if (ready && nodes.length > 0) markBoot('graph-painted');
  }, [nodes, pods, ready]);
  return null;
}

const selectCard = (_e: unknown, n: FlowCard) => useUiStore.getState().select(n.id.includes(':') || n.id === 'unscheduled' ? undefined : n.id);
const clearSelection = () => useUiStore.getState().select(undefined);
const PRO_OPTIONS = { hideAttribution: true };

function LabelPalette() {
  const wanted = useClusterStore(useShallow(wantedLabels));
  const labels = wanted.length > 0 ? wanted : ['disk=ssd'];
  return (
    <div className="label-palette" data-testid="label-palette" title="Drag a label onto a node to label it (kubectl label node)">
      <span className="muted small">drag to label:</span>
      {labels.map((l) => {
        const eq = l.indexOf('=');
        return <LabelChip key={l} k={l.slice(0, eq)} v={l.slice(eq + 1)} />;
      })}
    </div>
  );
}

/** React Flow itself, re-rendered only when its cards, edges or theme change (not on pod counts). */
const Canvas = memo(function Canvas({ nodes, edges, theme, onInit }: { nodes: FlowCard[]; edges: Edge[]; theme: Theme; onInit: (flow: ReactFlowInstance<FlowCard>) => void }) {
  return (
    <ReactFlow<FlowCard>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onInit={onInit}
      onNodeClick={selectCard}
      onPaneClick={clearSelection}
      colorMode={theme}
      minZoom={0.05}
      maxZoom={2}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      onlyRenderVisibleElements
      proOptions={PRO_OPTIONS}
    >
      <Background gap={24} size={1} />
      <Controls showInteractive={false} position="top-left" />
      {nodes.length > MINIMAP_FROM ? <MiniMap pannable zoomable position="bottom-right" nodeStrokeWidth={0} nodeBorderRadius={6} className="minimap" /> : null}
    </ReactFlow>
  );
});

export function GraphPanel() {
  const view = useUiStore((s) => s.graphView);
  const theme = useUiStore((s) => s.theme);
  const ready = useClusterStore((s) => s.ready);
  const { nodes, edges } = useGraphStore((s) => s.flow);
  const totalPods = useGraphStore((s) => s.totalPods);
  const nodeCount = useClusterStore((s) => s.ids.Node?.length ?? 0);
  const userWorkloads = useClusterStore((s) => (s.ids.Pod ?? []).some((uid) => s.records.get(uid)?.namespace !== 'kube-system') || ['Job', 'CronJob', 'Deployment'].some((k) => (s.ids[k]?.length ?? 0) > 0));
  // A lesson says what to apply; the playground's examples would only distract from it.
  const inLesson = useScenarioStore((s) => s.slot.kind === 'lesson');
  const [flow, setFlow] = useState<ReactFlowInstance<FlowCard> | undefined>();

  // Fit the view when the view or the set of cards changes (not on every status change).
  const cardKey = `${view}|${nodes.length}`;
  const lastFit = useRef('');
  useEffect(() => {
    if (!flow || cardKey === lastFit.current || nodes.length === 0) return;
    lastFit.current = cardKey;
    requestAnimationFrame(() => void flow.fitView({ padding: FIT_PADDING, maxZoom: 1.1, duration: 0 }));
  }, [flow, cardKey, nodes.length]);

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
        {view === 'placement' ? <LabelPalette /> : null}
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
      <div className={`graph-body${totalPods >= DENSE_AT ? ' dense' : ''}`} onClick={() => useUiStore.getState().closeMenu()}>
        {!ready ? <div className="loading">Booting the cluster…</div> : null}
        <Canvas nodes={nodes} edges={edges} theme={theme} onInit={setFlow} />
        {ready && view === 'ownership' && !userWorkloads && !inLesson ? <EmptyState /> : null}
      </div>
      <Legend totalPods={totalPods} nodes={nodeCount} />
      <CommitProbe ready={ready} />
    </section>
  );
}
