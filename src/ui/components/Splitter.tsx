/** A drag handle that resizes the panel next to it (keyboard: arrows when focused). */
import type { PointerEvent as ReactPointerEvent } from 'react';

export function Splitter({ axis, value, min, max, invert, onChange, label }: { axis: 'x' | 'y'; value: number; min: number; max: number; invert?: boolean; onChange: (v: number) => void; label: string }) {
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const start = axis === 'x' ? e.clientX : e.clientY;
    const from = value;
    const move = (ev: PointerEvent) => {
      const delta = (axis === 'x' ? ev.clientX : ev.clientY) - start;
      onChange(clamp(from + (invert ? -delta : delta)));
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      document.body.classList.remove('resizing');
    };
    document.body.classList.add('resizing');
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return (
    <div
      className={`splitter splitter-${axis}`}
      role="separator"
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={value}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 50 : 10;
        const dec = axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
        const inc = axis === 'x' ? 'ArrowRight' : 'ArrowDown';
        if (e.key === dec) onChange(clamp(value + (invert ? step : -step)));
        if (e.key === inc) onChange(clamp(value + (invert ? -step : step)));
      }}
    />
  );
}
