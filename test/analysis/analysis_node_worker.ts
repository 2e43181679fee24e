/**
 * Node `worker_threads` entry for the analysis worker, so tests run the real API across a
 * real thread boundary with comlink's Node adapter. Runs on a Node worker thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import {
  createAnalysisWorker,
  type AnalysisWorkerOptions,
} from '../../workers/analysis/analysis.worker.ts';

if (!parentPort) throw new Error('analysis_node_worker.ts must be started as a worker thread.');
Comlink.expose(createAnalysisWorker(workerData as AnalysisWorkerOptions), nodeEndpoint(parentPort));
