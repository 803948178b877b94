/** Charts over virtual time (uPlot, canvas): pods by phase, job completions, pods per node. */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PHASES, useChartStore } from '../state/charts.ts';

const PHASE_COLOURS: Record<string, string> = { Pending: '#7b8ba8', Running: '#2fb36d', Succeeded: '#1b7a47', Failed: '#e0524f' };
const NODE_COLOURS = ['#5b9cf5', '#f2a33a', '#b06ee8', '#2fb3a8', '#e86e9c', '#9cc24a', '#e0c341'];

type View = 'phases' | 'jobs' | 'nodes';

// Counts only change at events and samples come at events or frames, so a value holds until the next
// sample: stepped lines, not straight ones that would show pods leaving Pending gradually.
const stepAfter = uPlot.paths.stepped!({ align: 1 });
const line = (label: string, stroke: string, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({ label, stroke, width: 2, points: { show: false }, paths: stepAfter, ...extra });

function dataFor(view: View, s: ReturnType<typeof useChartStore.getState>): { data: uPlot.AlignedData; series: uPlot.Series[] } {
  if (view === 'phases') return { data: [s.t, ...PHASES.map((p) => s.phases[p])], series: PHASES.map((p) => line(p, PHASE_COLOURS[p]!)) };
  if (view === 'jobs') return { data: [s.t, s.jobCompletions], series: [line('job completions', '#1b7a47', { fill: 'rgba(27,122,71,0.15)' })] };
  const names = Object.keys(s.perNode).sort();
  return { data: [s.t, ...names.map((n) => s.perNode[n]!)], series: names.map((n, i) => line(n, NODE_COLOURS[i % NODE_COLOURS.length]!)) };
}

/** Tick steps for virtual seconds: whole seconds, then round minutes and hours — never a repeated label. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
/** Whole counts on the y axis. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

function options(width: number, height: number, series: uPlot.Series[]): uPlot.Options {
  return {
    width,
    height,
    legend: { show: true, live: false },
    cursor: { show: true, points: { show: false } },
    scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
    axes: [
      { stroke: 'currentColor', incrs: TIME_STEPS, space: 56, values: (_u, splits) => splits.map(fmt), grid: { width: 1, stroke: 'rgba(128,128,128,0.15)' }, ticks: { show: false } },
      { stroke: 'currentColor', incrs: COUNT_STEPS, space: 24, size: 40, grid: { width: 1, stroke: 'rgba(128,128,128,0.15)' }, ticks: { show: false } },
    ],
    series: [{ label: 't' }, ...series],
  };
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
        plot = new uPlot(options(width, height, series), data, el);
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
        <div className="segmented" role="tablist" aria-label="chart">
          {(['phases', 'jobs', 'nodes'] as const).map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'on' : ''} onClick={() => setView(v)}>
              {v === 'phases' ? 'pod phases' : v === 'jobs' ? 'completions' : 'per node'}
            </button>
          ))}
        </div>
      </header>
      <div className="chart-host" ref={host} data-testid="chart" />
    </section>
  );
}

/** Virtual seconds since start as m:ss, or h:mm past an hour. */
export function fmt(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
