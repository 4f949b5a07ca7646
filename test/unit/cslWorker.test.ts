/**
 * The CSL bundle as the extension runs it: dist/node/csl.js started as a
 * worker_threads worker (`npm run test:unit` builds the production bundles
 * first). It answers render requests by id, and a style it cannot use comes
 * back as a style error, not a crash of the worker.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Paper } from '../../src/core/model';
import { CSL_WORKER_NAME, type RenderReply, type RenderRequest } from '../../src/csl/protocol';

const ROOT = process.cwd();
const paper: Paper = {
  key: 'hu2021lora', title: 'LoRA: Low-Rank Adaptation of Large Language Models', year: 2021,
  authors: [{ family: 'Hu', given: 'Edward J.' }, { family: 'Shen', given: 'Yelong' }],
  arxiv: '2106.09685', keywords: [], topics: [], origin: { source: 't', kind: 'corpus' },
};
const options = (style: string): RenderRequest['options'] => ({
  style, lang: 'en-US', format: 'text',
  locales: { 'en-US': readFileSync(join(ROOT, 'media', 'csl', 'locales', 'locales-en-US.xml'), 'utf8') },
});

describe('the CSL worker (dist/node/csl.js in a worker thread)', () => {
  let worker: Worker;
  const replies = new Map<number, (reply: RenderReply) => void>();
  const ask = (request: RenderRequest) => new Promise<RenderReply>((resolve) => {
    replies.set(request.id, resolve);
    worker.postMessage(request);
  });

  before(() => {
    worker = new Worker(join(ROOT, 'dist', 'node', 'csl.js'), { workerData: CSL_WORKER_NAME });
    worker.on('message', (reply: RenderReply) => replies.get(reply.id)?.(reply));
  });
  after(() => worker.terminate());

  it('answers each request by its id, in the style asked for', async () => {
    const apa = readFileSync(join(ROOT, 'media', 'csl', 'styles', 'apa.csl'), 'utf8');
    const ieee = readFileSync(join(ROOT, 'media', 'csl', 'styles', 'ieee.csl'), 'utf8');
    const [a, b] = await Promise.all([ask({ id: 7, papers: [paper], options: options(apa) }), ask({ id: 8, papers: [paper], options: options(ieee) })]);
    assert.deepEqual(a, { id: 7, entries: ['Hu, E. J., & Shen, Y. (2021). LoRA: Low-Rank Adaptation of Large Language Models (arXiv:2106.09685). arXiv. https://arxiv.org/abs/2106.09685'] });
    assert.ok('entries' in b && b.entries[0].startsWith('[1] E. J. Hu and Y. Shen, “LoRA'), JSON.stringify(b));
  });

  it('a style it cannot use is a style error, and the worker keeps answering', async () => {
    const bad = await ask({ id: 9, papers: [paper], options: options('<style><info/></style>') });
    assert.ok('error' in bad && bad.error.style && /no <bibliography>/.test(bad.error.message), JSON.stringify(bad));
    const nature = readFileSync(join(ROOT, 'media', 'csl', 'styles', 'nature.csl'), 'utf8');
    const after = await ask({ id: 10, papers: [paper], options: options(nature) });
    assert.ok('entries' in after && after.entries[0].startsWith('1. Hu, E. J. & Shen, Y.'), JSON.stringify(after));
  });
});
