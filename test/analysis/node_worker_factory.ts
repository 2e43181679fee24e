/**
 * Starts the analysis worker on a Node worker thread and wraps it with comlink's Node
 * adapter: the same API and the same structured-clone/transfer boundary as a browser
 * worker. Runs on the Node main thread (tests and benchmarks).
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { AnalysisWorkerOptions } from '../../workers/analysis/analysis.worker.ts';
import type { AnalysisApi } from '../../workers/analysis/analysis_api.ts';
import type { AnalysisWorkerFactory } from '../../src/analysis/analysis_client.ts';

const ENTRY = new URL('./analysis_node_worker.ts', import.meta.url).href;

// `--import tsx` in a worker's execArgv does not reach worker threads on Node 20, so the
// thread registers tsx itself before importing the TypeScript entry.
const BOOTSTRAP = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); });`;

export function nodeAnalysisWorkerFactory(
  options: AnalysisWorkerOptions = {},
): AnalysisWorkerFactory {
  return () => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: options });
    return {
      api: Comlink.wrap<AnalysisApi>(nodeEndpoint(worker)),
      terminate: () => void worker.terminate(),
    };
  };
}
