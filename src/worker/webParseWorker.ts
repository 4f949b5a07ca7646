// The parse worker in the web extension host (a Web Worker the extension host's worker starts): see
// src/core/load/workerProtocol.ts.
import { answerParseRequest, type ParseRequest } from '../core/load/workerProtocol';

declare const self: { onmessage: ((event: { data: ParseRequest }) => void) | null; postMessage(message: unknown): void };

self.onmessage = (event) => answerParseRequest(event.data, (reply) => self.postMessage(reply));
