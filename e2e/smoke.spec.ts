import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

test('the built app loads without external requests', async ({ page, context }) => {
  const external: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'kubesim' })).toBeVisible();
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/smoke.png' });
  expect(external).toEqual([]);
});
