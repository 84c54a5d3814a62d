/**
 * The image helper runs below main's priority: on a busy machine a batch of thousands of images
 * in libvips otherwise took the cores main needed, and main's event loop stalled past 20 ms
 * (`npm run bench -- batch`: the import's p99 went from 23.6–24.0 ms to 19.4–19.5 ms at load 2–3).
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ImageHelper } from '../../../../electron/services/images/ImageHelper';
import { pngOf } from '../../../support/images';

const helpers: ImageHelper[] = [];
afterEach(async () => {
  for (const h of helpers.splice(0)) await h.dispose();
});

/** Nice values of this process's children running the helper module (Linux's `ps`). */
function helperNiceValues(): number[] {
  const out = execFileSync('ps', ['-o', 'ni=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes('helperMain')).map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('the image helper yields to main', () => {
  it.runIf(process.platform === 'linux')('its process runs below normal priority, set before libvips starts its threads', async () => {
    const helper = new ImageHelper();
    helpers.push(helper);
    await helper.run('header', { source: { bytes: await pngOf(8, 8, [1, 2, 3]) } }, 'reading a test image');
    const own = Number(execFileSync('ps', ['-o', 'ni=', '-p', String(process.pid)], { encoding: 'utf8' }).trim());
    const nice = helperNiceValues();
    expect(nice).toHaveLength(1);
    expect(nice[0]).toBeGreaterThan(own);
  });
});
