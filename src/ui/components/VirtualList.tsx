/**
 * A list that renders only the rows in view (plus a few either side), for streams that grow by
 * hundreds of rows a second. Rows have one fixed height; each row is its own memoised component,
 * so a scroll or a new item renders a dozen rows, not the list. Items come as an array or as a
 * length and an accessor (a reversed view of a long list costs nothing to build).
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';

const OVERSCAN = 4;

export interface Items<T> {
  length: number;
  at(index: number): T;
}

export function VirtualList<T>({ items, rowHeight, renderRow, className, testId }: { items: Items<T>; rowHeight: number; renderRow: (item: T, index: number) => ReactNode; className?: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const el = host.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(items.at(i), i)}
      </div>,
    );
  }
  return (
    <div ref={host} className={`vlist ${className ?? ''}`} data-testid={testId} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div className="vlist-inner" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
