import path from 'node:path';
import { expect, generate, goTo, openQueue, saveKeyThroughOnboarding, SCREENSHOT_DIR, test, testKey } from './fixtures';

test('the queue panel shows each job’s state, wait and attempt; jobs can be cancelled, paused and retried', async ({ launch, fake }) => {
  const app = await launch();
  const { page } = app;
  await saveKeyThroughOnboarding(page, testKey());
  // Two requests a minute for Flash: the third waits on the rate limit with a countdown.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('quota-rpm-flash').fill('2');
  await page.getByTestId('quotas-save').click();
  await expect(page.getByTestId('quotas-saved')).toBeVisible();
  await openQueue(page);

  fake.latencyMs = 400;
  fake.enqueue({ kind: 'hang' }, { kind: 'error', status: 400, message: 'Request contains an invalid argument.' });
  await generate(page, 'first: never answers');
  await generate(page, 'second: invalid');
  await generate(page, 'third: waits for the rate limit');
  await generate(page, 'fourth: paused by me');
  const card = (text: string) => page.getByTestId('job-card').filter({ hasText: text });
  await expect(card('first')).toHaveAttribute('data-state', 'running');
  await expect(card('second')).toHaveAttribute('data-state', 'failed');
  await expect(card('third')).toHaveAttribute('data-wait', 'rate_limit');
  await card('fourth').getByTestId('job-pause').click();
  await expect(card('fourth')).toHaveAttribute('data-state', 'paused');
  await expect(card('third').getByTestId('job-wait')).toContainText(/rate limit/i);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'queue-panel.png') });

  await card('first').getByTestId('job-cancel').click();
  await expect(card('first')).toHaveAttribute('data-state', 'cancelled');
  await card('second').getByTestId('job-retry').click();
  await expect(card('second')).toHaveAttribute('data-state', /queued|running|succeeded/);
  await card('fourth').getByTestId('job-resume').click();
  await expect(card('fourth')).not.toHaveAttribute('data-state', 'paused');
});

test('pausing the queue holds new jobs until it is resumed', async ({ launch }) => {
  const { page } = await launch();
  await saveKeyThroughOnboarding(page, testKey());
  await openQueue(page);
  await page.getByTestId('queue-pause').click();
  await generate(page, 'held back');
  const card = page.getByTestId('job-card').filter({ hasText: 'held back' });
  await expect(card).toHaveAttribute('data-wait', 'queue_paused');
  await expect(page.getByTestId('queue-paused')).toBeVisible();
  await page.getByTestId('queue-resume').click();
  await expect(card).toHaveAttribute('data-state', 'succeeded');
});

test('a job in flight when the app quits is sent again on the next start, with a billing warning', async ({ launch, fake }) => {
  const app = await launch();
  await saveKeyThroughOnboarding(app.page, testKey());
  fake.enqueue({ kind: 'hang' });
  await openQueue(app.page);
  await generate(app.page, 'interrupted by a restart');
  await expect(app.page.getByTestId('job-card').first()).toHaveAttribute('data-state', 'running');
  // "running" is set before the request leaves; restart only once the fake holds it, or the hang
  // would be spent on the resent request instead.
  const sent = () => fake.requests.filter((r) => /^(stream)?generateContent$/i.test(r.action ?? '')).length;
  await expect.poll(sent).toBe(1);
  await app.restart();
  const card = (await openQueue(app.page)).getByTestId('job-card').filter({ hasText: 'interrupted by a restart' });
  await expect(card).toHaveAttribute('data-state', 'succeeded');
  await expect(card.getByTestId('job-resent')).toContainText(/bill/i);
  expect(sent()).toBe(2);
});

test('an OS notification says a job finished while the window was in the background', async ({ launch }) => {
  const app = await launch();
  await saveKeyThroughOnboarding(app.page, testKey());
  app.setFocused(false);
  await generate(app.page, 'done while away');
  await goTo(app.page, 'library');
  await expect(app.page.getByTestId('asset-tile')).toHaveCount(1);
  expect(app.notifications).toEqual([{ title: 'Image ready', body: 'done while away' }]);
});
