// The parse worker in the Node extension host (a worker_threads thread): see src/core/load/workerProtocol.ts.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { WorkerAnswers } from '../core/load/workerAnswers';
import type { WorkerRequest } from '../core/load/workerProtocol';
import { openFileSource } from './fileSource';

// A lower priority for this thread alone, so that the extension host's thread gets a core first when it
// wakes: with two workers on a 2-core machine the host's timer waited for a core in 21 of the 31 delays
// over 10 ms while a 100k library's files were read, and in 2 of 15 at nice 10 (bench:host, 2026-12-05).
// Only on Linux, where the call sets the calling thread's priority; elsewhere it would set the whole
// extension host's.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not allowed here: the worker runs at the host's priority.
  }
}
// Local files are read here, a window at a time, rather than sent whole by the host.
const answers = new WorkerAnswers((reply, transfer) => parentPort?.postMessage(reply, transfer), openFileSource);
parentPort?.on('message', (request: WorkerRequest) => answers.answer(request));
