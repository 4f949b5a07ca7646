// Messages between the extension and the CSL worker (src/csl/serveWorker.ts).
import type { Paper } from '../core/model';
import type { RenderOptions } from '../core/csl/render';

/** The name the worker is started with (Node: its workerData; web: its name). */
export const CSL_WORKER_NAME = 'litnotes-csl';

export interface RenderRequest {
  id: number;
  papers: Paper[];
  options: RenderOptions;
}

export type RenderReply =
  | { id: number; entries: string[] }
  /** `style`: the style or locale cannot be used (a CslStyleError), as opposed to a failure of the renderer. */
  | { id: number; error: { style: boolean; message: string } };
