/**
 * The right column: the inspector in the playground; in learn mode the lesson (or the lesson list)
 * instead, with the inspector one click away (selecting something in the graph shows it).
 */
import { InspectorPanel } from '../inspector/InspectorPanel.tsx';
import { useRoute } from '../state/route.ts';
import { useUiStore } from '../state/ui.ts';
import { LessonList } from './LessonList.tsx';
import { LessonPanel } from './LessonPanel.tsx';

export function RightPanel() {
  const route = useRoute((s) => s.route);
  const tab = useUiStore((s) => s.rightTab);
  if (route.page !== 'learn' && route.page !== 'lesson') return <InspectorPanel />;
  return (
    <div className="right-panel">
      <nav className="segmented right-tabs" role="tablist" aria-label="right column">
        <button type="button" role="tab" aria-selected={tab === 'lesson'} className={tab === 'lesson' ? 'on' : ''} onClick={() => useUiStore.getState().setRightTab('lesson')}>
          {route.page === 'lesson' ? 'Lesson' : 'Lessons'}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'inspector'} className={tab === 'inspector' ? 'on' : ''} onClick={() => useUiStore.getState().setRightTab('inspector')}>
          Inspector
        </button>
      </nav>
      {tab === 'inspector' ? <InspectorPanel /> : route.page === 'lesson' ? <LessonPanel id={route.id} /> : <LessonList />}
    </div>
  );
}
