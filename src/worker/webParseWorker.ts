// The parse worker in the web extension host (a Web Worker the extension host's worker starts): see
// src/core/load/workerProtocol.ts.
import { WorkerAnswers } from '../core/load/workerAnswers';
import type { WorkerRequest } from '../core/load/workerProtocol';

declare const self: { onmessage: ((event: { data: WorkerRequest }) => void) | null; postMessage(message: unknown, transfer?: ArrayBuffer[]): void };

const answers = new WorkerAnswers((reply, transfer) => self.postMessage(reply, transfer ?? []));
self.onmessage = (event) => answers.answer(event.data);
