/**
 * Whether Gemini is reachable, as the queue learns it from its own calls. A network error is not
 * the job's fault: while offline, one job at a time probes on a growing interval and the rest wait
 * quietly; any answer at all (even a broken one) proves the host is reachable again, and the
 * system's "online" event makes the next probe go at once.
 */
import type { Logger } from '../logger';

/** Probe again on this schedule while offline. */
export const OFFLINE_PROBE = { firstMs: 2_000, maxMs: 30_000 };

export class OfflineWatch {
  private offline = false;
  private probeDelayMs = OFFLINE_PROBE.firstMs;
  private nextProbeAt = 0;

  constructor(private readonly logger: Logger) {}

  get isOffline(): boolean {
    return this.offline;
  }

  /** When the next probe may leave (meaningful while offline). */
  get probeAt(): number {
    return this.nextProbeAt;
  }

  /** A call failed on the network: offline from now, or the next probe waits twice as long. */
  failed(now: number): void {
    if (!this.offline) {
      this.offline = true;
      this.probeDelayMs = OFFLINE_PROBE.firstMs;
      this.logger.warn('queue: Gemini is unreachable; jobs wait until the connection returns');
    } else {
      this.probeDelayMs = Math.min(OFFLINE_PROBE.maxMs, this.probeDelayMs * 2);
    }
    this.nextProbeAt = now + this.probeDelayMs;
  }

  /** An answer arrived. True when that ended an offline spell (the jobs waiting on it may go). */
  reached(): boolean {
    if (!this.offline) return false;
    this.offline = false;
    this.logger.info('queue: Gemini is reachable again');
    return true;
  }

  /** The system says it is online again: probe now rather than at the end of the interval. True when offline. */
  wake(now: number): boolean {
    if (!this.offline) return false;
    this.nextProbeAt = now;
    return true;
  }

  /** Offline: nothing starts before the probe is due, nor while a probe is still in flight. */
  waitingForProbe(now: number, requestsInFlight: number): boolean {
    return this.offline && (now < this.nextProbeAt || requestsInFlight > 0);
  }
}
