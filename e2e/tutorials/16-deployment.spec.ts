import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 16: Deployment: self-healing, labels, scale', async ({ page }) => {
  expect(await completeLesson(page, 'deployment', { typeSteps: ['self-healing', 'scale'] })).toEqual(['create', 'self-healing', 'extra-label', 'out-of-scope', 'scale', 'delete']);
});
