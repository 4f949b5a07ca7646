// The parse worker in the Node extension host (a worker_threads thread): see src/core/load/workerProtocol.ts.
import { parentPort } from 'node:worker_threads';
import { WorkerAnswers } from '../core/load/workerAnswers';
import type { WorkerRequest } from '../core/load/workerProtocol';
import { openFileSource } from './fileSource';

// Local files are read here, a window at a time, rather than sent whole by the host.
const answers = new WorkerAnswers((reply, transfer) => parentPort?.postMessage(reply, transfer), openFileSource);
parentPort?.on('message', (request: WorkerRequest) => answers.answer(request));
