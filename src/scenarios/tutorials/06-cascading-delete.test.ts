import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { cascadingDelete } from './06-cascading-delete.ts';

lessonSuite(cascadingDelete, ['jobs', 'demoImages'], (run) => {
  expect(run.steps.find((s) => s.id === 'orphan')!.output).toContain(
    'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.',
  );
});
