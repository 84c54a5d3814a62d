import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const SHOTS = path.join('test-results', 'screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

test('settings: every section is there once, and limits out of range get the schema’s bounds in words', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await page.getByTestId('onboarding-skip').click();
  await page.getByTestId('nav-settings').click();
  const view = page.getByTestId('settings-view');
  await expect(view.getByRole('heading', { level: 1 })).toHaveText('Settings');
  for (const name of ['API key', 'Quota', 'Budget', 'Notifications']) await expect(view.getByRole('heading', { level: 2, name: new RegExp(name, 'i') })).toHaveCount(1);

  await view.getByTestId('settings-max-inflight').fill('21');
  await view.getByTestId('quotas-save').click();
  await expect(view.getByTestId('quotas-error')).toHaveText('Requests in flight must be between 1 and 20.');
  await view.getByTestId('settings-max-inflight').fill('4');
  await view.getByTestId('quotas-save').click();
  await expect(view.getByTestId('quotas-saved')).toBeVisible();

  await view.getByTestId('settings-budget').fill('2000000');
  await view.getByTestId('budget-save').click();
  await expect(view.getByTestId('budget-error')).toHaveText('A monthly budget can be at most $1,000,000.');
  // Nothing was lost: the typed value is still there to correct.
  await expect(view.getByTestId('settings-budget')).toHaveValue('2000000');
  await page.screenshot({ path: path.join(SHOTS, 'settings.png'), fullPage: true });
});
