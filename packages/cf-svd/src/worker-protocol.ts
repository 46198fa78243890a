/**
 * What the main thread asks a worker to do, and the one function that does it. Workers are
 * stateless: every request carries its arrays (SharedArrayBuffer views cross threads without a
 * copy), so the same function also serves the single-thread path.
 */
import { type AlsSolveTask, type GramTask, runAlsSolve, runGram } from './als-kernel';
import { runSgdSubEpoch, type SgdSubEpochTask } from './mf-kernel';

export type WorkerRequest =
  | { readonly kind: 'sgd'; readonly task: SgdSubEpochTask }
  | { readonly kind: 'gram'; readonly task: GramTask }
  | { readonly kind: 'als-solve'; readonly task: AlsSolveTask };

export function handleRequest(request: WorkerRequest): number {
  switch (request.kind) {
    case 'sgd':
      return runSgdSubEpoch(request.task);
    case 'gram':
      return runGram(request.task);
    case 'als-solve':
      return runAlsSolve(request.task);
  }
}
