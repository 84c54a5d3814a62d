/**
 * A JobQueue on an injected clock whose executor calls the real GeminiGateway against the fake:
 * what the queue does with each answer the wire can give, without the rest of the app.
 */
import path from 'node:path';
import type { GenerateRequest, QueueStatus } from '../../shared/ipc/contract';
import { openDatabase, type Db } from '../../electron/services/db/db';
import { EventBus } from '../../electron/services/events';
import { GeminiGateway } from '../../electron/services/gemini/GeminiGateway';
import { JobQueue } from '../../electron/services/queue/JobQueue';
import type { FakeGemini } from '../fake-gemini/server';
import type { FakeClock } from './fakeClock';
import { memoryLogger, tempDir } from './tmp';

export const GATEWAY_TEST_MODEL = 'gemini-3.1-flash-image';

export function request(prompt: string): GenerateRequest {
  return { prompt, tier: 'flash', aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false, references: [], priority: 0 };
}

export function queueOverGateway(fake: FakeGemini, clock: FakeClock, o: { maxInFlight?: number; db?: Db } = {}) {
  const gateway = new GeminiGateway({ getKey: async () => 'AIzaQueueOverGatewayKey00000000000000000', getBaseUrl: () => fake.url, now: () => clock.now() });
  const starts: number[] = [];
  const events = new EventBus();
  const statuses: QueueStatus[] = [];
  events.onAny((e, p) => e === 'queue.status' && statuses.push(p as QueueStatus));
  const queue = new JobQueue({
    db: o.db ?? openDatabase(path.join(tempDir(), 'q.sqlite')),
    clock,
    events,
    logger: memoryLogger(),
    settings: () => ({
      maxInFlight: o.maxInFlight ?? 1,
      quotas: {
        flash: { requestsPerMinute: 600, imagesPerMinute: null, requestsPerDay: null },
        pro: { requestsPerMinute: 600, imagesPerMinute: null, requestsPerDay: null },
      },
      notifyWhenDone: false,
    }),
    executor: async (_job, signal) => {
      starts.push(clock.now());
      await gateway.generate({
        model: GATEWAY_TEST_MODEL,
        contents: [{ role: 'user', parts: [{ text: 'a fox' }] }],
        params: { aspectRatio: '1:1', imageSize: null, modalities: 'TEXT_IMAGE', grounding: false, includeThoughts: false },
        stream: false,
        signal,
      });
      return { images: 1, commit() {} };
    },
    backoff: { baseMs: 1000, maxMs: 8000, maxAttempts: 3 },
    random: () => 0.5,
    connectivity: { onOnline: () => () => {} },
    notifier: { notify: () => {} },
    isWindowFocused: () => true,
  });
  queue.start();
  const add = (prompt: string) => queue.enqueue('generate', request(prompt), { modelId: GATEWAY_TEST_MODEL });
  return { queue, starts, gateway, add, statuses };
}
