import { describe, expect, it } from 'vitest';
import { Disposables } from '../../../electron/services/disposables';

describe('Disposables', () => {
  it('disposes in reverse order of registration, once', async () => {
    const order: string[] = [];
    const d = new Disposables();
    d.add('db', (v) => void order.push(v));
    d.add('queue', async (v) => {
      await Promise.resolve();
      order.push(v);
    });
    d.add('batch', (v) => void order.push(v));
    await d.dispose();
    await d.dispose();
    expect(order).toEqual(['batch', 'queue', 'db']);
  });

  it('keeps going when one step fails, and reports the failure', async () => {
    const order: string[] = [];
    const errors: unknown[] = [];
    const d = new Disposables();
    d.add('a', (v) => void order.push(v));
    d.add('b', () => {
      throw new Error('boom');
    });
    d.add('c', (v) => void order.push(v));
    await d.dispose((e) => errors.push(e));
    expect(order).toEqual(['c', 'a']);
    expect(String(errors[0])).toContain('boom');
  });

  it('refuses registrations after disposal', async () => {
    const d = new Disposables();
    await d.dispose();
    expect(() => d.add(1, () => {})).toThrow(/already disposed/);
  });
});
