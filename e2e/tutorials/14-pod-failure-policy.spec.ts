import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 14: podFailurePolicy', async ({ page }) => {
  expect(await completeLesson(page, 'pod-failure-policy')).toEqual(['failjob', 'failed-at-once', 'inspect-and-delete', 'ignore', 'drain', 'uncordon', 'config-issue', 'mark', 'fail-on-condition']);
});
