import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../electron/services/queue/RateLimiter';

describe('RateLimiter', () => {
  it('counts a request from when it was sent, keeping the window in order when a later start leaves first', () => {
    const l = new RateLimiter({ requestsPerMinute: 2, imagesPerMinute: null, requestsPerDay: null }, 1000, 10);
    const first = l.acquire(0);
    const second = l.acquire(0);
    l.markSent(second, 100);
    l.markSent(first, 500); // the first one took longer to build
    l.markSent(first, 400); // never moves back
    // The oldest in the window is the one sent at 100: a slot frees 1000 + 10 ms after it.
    expect(l.nextSlot(600)).toEqual({ at: 1110, reason: 'rate_limit' });
    expect(l.nextSlot(1110)).toEqual({ at: 1110, reason: null });
  });

  it('starts a new daily count at midnight Pacific, however the day was last looked up', () => {
    const l = new RateLimiter({ requestsPerMinute: 1000, imagesPerMinute: null, requestsPerDay: 2 }, 1000, 10);
    const pst = (day: number, h: number, m = 0) => Date.UTC(2026, 10, day, h + 8, m); // November: UTC−8
    l.acquire(pst(24, 20)); // 8 PM: the day is looked up once for the next hour
    l.acquire(pst(24, 23, 30));
    expect(l.nextSlot(pst(24, 23, 59)).reason).toBe('daily_limit');
    expect(l.nextSlot(pst(25, 0, 1)).reason).toBeNull();
    l.acquire(pst(25, 0, 1));
    expect(l.nextSlot(pst(25, 0, 2)).reason).toBeNull();
    l.acquire(pst(25, 0, 2));
    expect(l.nextSlot(pst(25, 0, 3))).toMatchObject({ reason: 'daily_limit', at: expect.any(Number) });
    // Across the spring DST change (8 March 2026, 2 AM): the day still turns at local midnight.
    const d = new RateLimiter({ requestsPerMinute: 1000, imagesPerMinute: null, requestsPerDay: 1 }, 1000, 10);
    d.acquire(Date.UTC(2026, 2, 8, 8 + 1)); // 1 AM PST on the day of the change
    expect(d.nextSlot(Date.UTC(2026, 2, 9, 6, 59)).reason).toBe('daily_limit'); // 23:59 PDT
    expect(d.nextSlot(Date.UTC(2026, 2, 9, 7, 1)).reason).toBeNull(); // 00:01 PDT, the 9th
  });
});
