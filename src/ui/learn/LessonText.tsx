/** Lesson text as React text: paragraphs on blank lines, `code` in backticks (never HTML). */
import { inlineSegments } from '../../scenarios/tutorials/lesson.ts';

export function Inline({ text }: { text: string }) {
  return (
    <>
      {inlineSegments(text).map((seg, i) => (seg.code ? <code key={i}>{seg.text}</code> : <span key={i}>{seg.text}</span>))}
    </>
  );
}

export function LessonText({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((para, i) => (
        <p key={i}>
          <Inline text={para} />
        </p>
      ))}
    </>
  );
}
