import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 8: CronJob: schedule, history, concurrency', async ({ page }) => {
  expect(await completeLesson(page, 'cronjob')).toEqual(['v1beta1', 'create', 'first-run', 'logs', 'history', 'suspend', 'delete']);
});
