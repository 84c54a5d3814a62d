import path from 'node:path';
import { expect, generate, goTo, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

test('a batch of prompts runs as one Batch API job and its images land in the library', async ({ launch, fake }) => {
  fake.batchTiming = { pendingMs: 100, runningMs: 200 };
  const { page } = await launch({ tuning: { batchPollMs: 100 } });
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('nav-batch').click();
  await page.getByTestId('batch-input').fill('a red kite\na green valley\na blue lagoon');
  await page.getByTestId('batch-submit').click();
  const job = page.getByTestId('batch-job').first();
  await expect(job).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
  await expect(job.getByTestId('batch-progress')).toContainText('3 of 3');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'batch.png') });
  expect(fake.batches).toHaveLength(1);
  await page.getByTestId('nav-library').click();
  await expect(page.getByTestId('asset-tile')).toHaveCount(3);
});

test('usage shows spend per day and month, and the monthly budget refuses a job that would pass it', async ({ launch }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await page.getByTestId('tier-pro').click();
  await generate(page, 'an expensive owl');
  await goTo(page, 'library');
  await expect(page.getByTestId('asset-tile')).toHaveCount(1);

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-budget').fill('0.2');
  await page.getByTestId('budget-save').click();
  await expect(page.getByTestId('budget-saved')).toBeVisible();

  await page.getByTestId('nav-usage').click();
  await expect(page.getByTestId('usage-month')).toContainText('$0.1');
  await expect(page.getByTestId('usage-day-bar')).toHaveCount(30);
  await expect(page.getByTestId('usage-budget')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'usage.png') });

  await page.getByTestId('nav-studio').click();
  await generate(page, 'one owl too many');
  await expect(page.getByTestId('generate-error')).toContainText('budget');
});
