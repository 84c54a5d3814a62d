/**
 * Issue 17 §2: a result that carries content credentials (C2PA) shows them in the facts sheet, the
 * library filters on them, and an export keeps them: a C2PA reader checks the exported file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readCredentials } from '../../electron/services/images/credentials';
import { expect, generate, goTo, SCREENSHOT_DIR, test, testKey } from './fixtures';
import { axeViolations } from '../harness/axe';

const FIXTURES = path.join(__dirname, '../fixtures/c2pa');
const SIGNED = fs.readFileSync(path.join(FIXTURES, 'signed.png'));
const anchors = [fs.readFileSync(path.join(FIXTURES, 'test_cert_root_bundle.pem'), 'utf8')];
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const SIZES = [
  [1440, 900],
  [1024, 680],
  [800, 600],
] as const;

test('credentials shown in the viewer and the library, filtered on, and an export that keeps them (checked by a C2PA reader)', async ({ launch, fake }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The test roots stand in for a trust list, so the fixture reads "valid" as a real Google image would with one.
  const app = await launch({ envApiKey: testKey(), screen: 'studio', tuning: { trustAnchors: anchors } });
  const { page } = app;

  // One plain result, then one whose bytes carry a manifest (the fake's `signed` answer).
  await generate(page, 'A plain square of moss');
  await expect.poll(() => app.atelier.library.search({}).total).toBe(1);
  fake.enqueue({ kind: 'success', format: 'signed' });
  await generate(page, 'A gradient with credentials');
  await expect.poll(() => app.atelier.library.search({}).total).toBe(2);

  await goTo(page, 'library');
  const tiles = page.getByTestId('library-scroll').getByTestId('asset-tile');
  await expect(tiles).toHaveCount(2);
  const signedTile = page.getByTestId('library-grid').getByRole('option', { name: 'A gradient with credentials' });

  // The library detail's facts sheet.
  await signedTile.click();
  const detail = page.getByTestId('asset-detail');
  await expect(detail.getByTestId('credentials-state')).toHaveAttribute('data-state', 'valid');
  await expect(detail.getByTestId('credentials-issuer')).toHaveText('C2PA Test Signing Cert');
  await expect(detail.getByTestId('credentials-actions')).toContainText('Created by Atelier test generator');
  await expect(detail.getByTestId('credentials-actions')).toContainText('SynthID watermark applied');
  await expect(detail.getByTestId('credentials-synthid')).toHaveText(/SynthID: declared by the provider/);
  await expect(detail.getByTestId('credentials-synthid')).not.toHaveText(/verified/i);

  // The viewer's facts sheet, at three window sizes.
  await signedTile.focus();
  await page.keyboard.press('Space');
  const viewer = page.getByTestId('viewer');
  await expect(viewer).toBeVisible();
  await page.keyboard.press('i');
  const facts = viewer.getByTestId('viewer-facts');
  const credentials = facts.getByTestId('credentials');
  await expect(credentials.getByTestId('credentials-state')).toHaveAttribute('data-state', 'valid');
  await expect(credentials.getByTestId('credentials-state')).toHaveText('Valid');
  await expect(credentials.getByTestId('credentials-source')).toContainText('AI-generated per credentials');
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await credentials.scrollIntoViewIfNeeded();
    const sheet = (await facts.boundingBox())!;
    const box = (await credentials.boundingBox())!;
    // The block sits inside the sheet, whole in width, and the sheet inside the window.
    expect(box.x).toBeGreaterThanOrEqual(sheet.x - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(sheet.x + sheet.width + 1);
    expect(sheet.x + sheet.width).toBeLessThanOrEqual(width + 1);
    expect(box.width).toBeGreaterThan(150);
    await expect(credentials.getByTestId('credentials-synthid')).toBeInViewport();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `credentials-facts-${width}x${height}.png`) });
  }
  // The facts sheet only: the viewer's zoom button has a finding of its own (its label is not its text), not this issue's.
  expect(await axeViolations(page, { include: '#viewer-facts' })).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // The plain result says so, and the filter tells the two apart.
  await page.getByTestId('library-grid').getByRole('option', { name: 'A plain square of moss' }).click();
  await expect(detail.getByTestId('credentials-state')).toHaveAttribute('data-state', 'none');
  if (!(await page.getByTestId('filter-credentials').isVisible())) await page.getByTestId('library-filters').click();
  await page.getByTestId('filter-credentials').selectOption('ai');
  await expect(tiles).toHaveCount(1);
  await expect(page.getByTestId('filter-chip').filter({ hasText: 'AI-generated per credentials' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Export keeps the credentials: the bytes as Gemini sent them, Atelier's record beside them.
  await signedTile.click();
  await expect(detail.getByTestId('detail-export-embed')).not.toBeChecked();
  await detail.getByTestId('detail-export').click();
  const folder = app.desktop.exportFolder;
  const names = () => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => !f.startsWith('.')).sort() : []);
  await expect.poll(() => names().length).toBe(2);
  const [image, sidecar] = names();
  expect(sidecar).toBe(`${image}.xmp`);
  const exported = fs.readFileSync(path.join(folder, image!));
  expect(sha(exported)).toBe(sha(SIGNED));
  const read = await readCredentials(exported, anchors);
  expect(read).toMatchObject({ state: 'valid', claimGenerator: 'Atelier test fixture', synthIdDeclared: true });
  expect(fs.readFileSync(path.join(folder, sidecar!), 'utf8')).toContain('A gradient with credentials');
  await expect(page.getByTestId('notice').last()).toContainText('content credentials untouched');
});
