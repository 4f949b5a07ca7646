// The parse worker in the Node extension host (a worker_threads thread): see src/core/load/workerProtocol.ts.
import { parentPort } from 'node:worker_threads';
import { WorkerAnswers } from '../core/load/workerAnswers';
import type { WorkerRequest } from '../core/load/workerProtocol';

const answers = new WorkerAnswers((reply, transfer) => parentPort?.postMessage(reply, transfer));
parentPort?.on('message', (request: WorkerRequest) => answers.answer(request));
