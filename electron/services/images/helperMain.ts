/**
 * The image helper process's entry: Electron's utilityProcess in the app, `child_process.fork`
 * under Node (tests, benchmarks). It answers `protocol.ts` requests with `work.ts`, several at a
 * time (libvips spreads each over its own threads). If libvips faults here, only this process
 * ends; main fails the requests it held and starts another (`ImageHelper.ts`).
 */
// First: the helper's priority is set before sharp loads (see helperPriority.ts).
import './helperPriority';
import { isAppError } from '../errors';
import type { ImageFailure, ImageReply, ImageRequest } from './protocol';
import { work } from './work';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

// Electron sets process.parentPort in a utility process; a forked Node child has process.send.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (reply: ImageReply): void => {
  if (parentPort) parentPort.postMessage(reply);
  else process.send?.(reply);
};

function failure(err: unknown): ImageFailure {
  if (isAppError(err)) return { name: err.name, message: err.message, code: err.code };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

function handle(request: ImageRequest): void {
  const run = work[request.kind] as (input: unknown) => Promise<unknown>;
  run(request.input).then(
    (output) => send({ id: request.id, ok: true, output }),
    (err: unknown) => send({ id: request.id, ok: false, error: failure(err) }),
  );
}

if (parentPort) parentPort.on('message', (e) => handle(e.data as ImageRequest));
else {
  process.on('message', (m) => handle(m as ImageRequest));
  // The parent went away (crashed, or killed without disposing us): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
}
send({ ready: true });
