import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 17: DaemonSet with a nodeSelector', async ({ page }) => {
  expect(await completeLesson(page, 'daemonset')).toEqual(['create', 'label-node', 'logs', 'relabel', 'new-node']);
});
