import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 7: restartPolicy: OnFailure vs Never', async ({ page }) => {
  expect(await completeLesson(page, 'restart-policy')).toEqual(['always-rejected', 'on-failure', 'restart-in-place', 'never', 'new-pod']);
});
