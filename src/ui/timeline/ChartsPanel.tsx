/** Charts over virtual time (uPlot, canvas): pods by phase, job completions, pods per node. */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PHASES, useChartStore } from '../state/charts.ts';

const PHASE_COLOURS: Record<string, string> = { Pending: '#7b8ba8', Running: '#2fb36d', Succeeded: '#1b7a47', Failed: '#e0524f' };
const NODE_COLOURS = ['#5b9cf5', '#f2a33a', '#b06ee8', '#2fb3a8', '#e86e9c', '#9cc24a', '#e0c341'];

type View = 'phases' | 'jobs' | 'nodes';

function dataFor(view: View, s: ReturnType<typeof useChartStore.getState>): { data: uPlot.AlignedData; series: uPlot.Series[] } {
  if (view === 'phases') return { data: [s.t, ...PHASES.map((p) => s.phases[p])], series: PHASES.map((p) => ({ label: p, stroke: PHASE_COLOURS[p], width: 2 })) };
  if (view === 'jobs') return { data: [s.t, s.jobCompletions], series: [{ label: 'job completions', stroke: '#1b7a47', width: 2, fill: 'rgba(27,122,71,0.15)' }] };
  const names = Object.keys(s.perNode).sort();
  return { data: [s.t, ...names.map((n) => s.perNode[n]!)], series: names.map((n, i) => ({ label: n, stroke: NODE_COLOURS[i % NODE_COLOURS.length], width: 2 })) };
}

export default function ChartsPanel() {
  const host = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>('phases');
  useEffect(() => {
    const el = host.current!;
    let plot: uPlot | undefined;
    let shape = '';
    const draw = () => {
      const s = useChartStore.getState();
      const { data, series } = dataFor(view, s);
      const key = series.map((x) => x.label).join(',');
      const width = el.clientWidth;
      const height = Math.max(80, el.clientHeight - 30);
      if (!plot || key !== shape) {
        plot?.destroy();
        shape = key;
        plot = new uPlot(
          { width, height, legend: { show: true }, cursor: { show: true }, scales: { x: { time: false } }, axes: [{ stroke: 'currentColor', values: (_u, v) => v.map((x) => fmt(x)) }, { stroke: 'currentColor' }], series: [{ label: 't' }, ...series] },
          data,
          el,
        );
      } else plot.setData(data);
    };
    draw();
    const unsub = useChartStore.subscribe(draw);
    const resize = new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height: Math.max(80, el.clientHeight - 30) }));
    resize.observe(el);
    return () => {
      unsub();
      resize.disconnect();
      plot?.destroy();
    };
  }, [view]);
  return (
    <section className="panel charts-panel" aria-label="charts">
      <header className="panel-head">
        <h2>Charts</h2>
        <div className="segmented">
          {(['phases', 'jobs', 'nodes'] as const).map((v) => (
            <button key={v} type="button" className={view === v ? 'on' : ''} onClick={() => setView(v)}>
              {v === 'phases' ? 'pods by phase' : v === 'jobs' ? 'job completions' : 'pods per node'}
            </button>
          ))}
        </div>
      </header>
      <div className="chart-host" ref={host} data-testid="chart" />
    </section>
  );
}

function fmt(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
