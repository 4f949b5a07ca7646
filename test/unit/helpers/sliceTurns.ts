import { observeSlices } from '../../../src/core/slices';

/**
 * Records, for each slice runInSlices runs, the turn of the event loop it ran
 * in (-1 when it began in one turn and ended in another), counting turns with
 * a setImmediate queued from the one before. `stop` ends the watch.
 */
export function watchSliceTurns(): { turns: number[]; stop(): void } {
  let turn = 0;
  let counting = true;
  const count = (): void => {
    turn++;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  const turns: number[] = [];
  observeSlices(() => {
    const at = turn;
    return () => turns.push(at === turn ? at : -1);
  });
  return {
    turns,
    stop() {
      observeSlices(undefined);
      counting = false;
    },
  };
}
