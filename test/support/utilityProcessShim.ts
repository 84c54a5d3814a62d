/**
 * Runs the image helper's entry as Electron's utility process would see its parent: a
 * `process.parentPort` whose 'message' events carry `{ data }` and whose `postMessage` answers.
 * Bridged to this forked child's IPC channel, so a test can drive the utility-process branch of
 * helperMain.ts without Electron.
 */
import { EventEmitter } from 'node:events';

// A utility process has no process.send: only the port can answer.
const send = process.send!.bind(process);
process.send = undefined;
const port = Object.assign(new EventEmitter(), { postMessage: (m: unknown) => void send(m) });
process.on('message', (m) => port.emit('message', { data: m, ports: [] }));
process.on('disconnect', () => process.exit(0));
Object.defineProperty(process, 'parentPort', { value: port });
void import('../../electron/services/images/helperMain');
