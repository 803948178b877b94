import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 6: Cascading vs orphan delete', async ({ page }) => {
  expect(await completeLesson(page, 'cascading-delete')).toEqual(['running', 'orphan', 'recreate', 'cascade', 'clean-up']);
});
