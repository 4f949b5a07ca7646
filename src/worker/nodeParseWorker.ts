// The parse worker in the Node extension host (a worker_threads thread): see src/core/load/workerProtocol.ts.
import { parentPort } from 'node:worker_threads';
import { answerParseRequest, type ParseRequest } from '../core/load/workerProtocol';

parentPort?.on('message', (request: ParseRequest) => answerParseRequest(request, (reply) => parentPort?.postMessage(reply)));
