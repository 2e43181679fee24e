/**
 * Moving the England-sized polygon layer (32,637 polygons) to a worker thread (Node
 * `worker_threads`): GeoJSON objects by structured clone, GeoJSON text parsed in the
 * worker, the packed typed arrays copied, and the packed arrays transferred (with and
 * without the receiving side's validation). Each figure is a round trip: post, the worker
 * takes the message (and validates when asked), the worker replies.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  buildPolygonIndex,
  polygonIndexToBuffers,
  polygonLayerTransferables,
  type PolygonLayerBuffers,
} from '../workers/geometry/polygon_index.ts';
import { packPolygons } from '../workers/geometry/packed_polygons.ts';
import { medianTime } from './time.ts';
import { englandSizedLayer } from './synthetic.ts';
import type { BenchRow } from './types.ts';

const INDEX_MODULE = new URL('../workers/geometry/polygon_index.ts', import.meta.url).href;

/** The worker: registers tsx (so it can import TypeScript), then answers each message. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
import('tsx/esm/api').then(async (tsx) => {
  tsx.register();
  const { polygonIndexFromBuffers } = await import(${JSON.stringify(INDEX_MODULE)});
  parentPort.on('message', (message) => {
    if (message.kind === 'json') JSON.parse(message.text);
    if (message.kind === 'validate') polygonIndexFromBuffers(message.layer);
    parentPort.postMessage('done');
  });
  parentPort.postMessage('ready');
});
`;

const RUNS = 7;

export async function run(): Promise<BenchRow[]> {
  const geojson = await englandSizedLayer();
  const packed = polygonIndexToBuffers(buildPolygonIndex(packPolygons(geojson)));
  const bytes = polygonLayerTransferables(packed).reduce((n, b) => n + b.byteLength, 0);
  const text = JSON.stringify(geojson);

  const worker = new Worker(WORKER_SOURCE, { eval: true });
  await nextMessage(worker);
  // Every round trip's time is kept too: the distribution is bimodal (see `fastest`).
  let times: number[] = [];
  const roundTrip = async (message: unknown, transfer: ArrayBuffer[] = []) => {
    const start = performance.now();
    const reply = nextMessage(worker);
    worker.postMessage(message, transfer);
    await reply;
    times.push(performance.now() - start);
  };
  const timed = async (send: () => Promise<void>) => {
    times = [];
    return medianTime(send, RUNS);
  };
  /** Fastest run: what is left when the receiving thread does not collect garbage meanwhile
   * (a transfer hands it ~24 MiB of external memory, which often triggers a GC there). */
  const fastest = () => `fastest run ${Math.min(...times).toFixed(2)} ms`;

  // Transfer detaches what it sends, so each run gets its own copy, made outside the timing.
  const copies: PolygonLayerBuffers[] = [];
  const freshCopies = () => {
    copies.length = 0;
    for (let i = 0; i < RUNS + 1; i++) copies.push(structuredClone(packed));
  };
  const nextCopy = (): PolygonLayerBuffers => {
    const copy = copies.pop();
    if (!copy) throw new Error('ran out of copies');
    return copy;
  };

  const rows: BenchRow[] = [];
  rows.push({
    name: 'Empty message (round-trip latency, for reference)',
    ...(await timed(() => roundTrip({ kind: 'ping' }))),
    notes: 'part of every figure below',
  });
  const baseline = 'GeoJSON objects, structured clone';
  // Packed rows first: the GeoJSON rows leave the worker's heap full of garbage, and a
  // collection there would be charged to whatever runs next.
  freshCopies();
  rows.push({
    name: 'Packed typed arrays + flatbush, transferred',
    ...(await timed(() => {
      const layer = nextCopy();
      return roundTrip({ kind: 'packed', layer }, polygonLayerTransferables(layer));
    })),
    baseline,
    notes: `ownership moves, no bytes copied; ${fastest()}`,
  });
  freshCopies();
  rows.push({
    name: 'Packed typed arrays + flatbush, transferred and validated on receipt',
    ...(await timed(() => {
      const layer = nextCopy();
      return roundTrip({ kind: 'validate', layer }, polygonLayerTransferables(layer));
    })),
    baseline,
    notes: `polygonIndexFromBuffers: offsets, one pass over the vertices, tree leaves vs bboxes; ${fastest()}`,
  });
  rows.push({
    name: 'Packed typed arrays + flatbush, copied (no transfer list)',
    ...(await timed(() => roundTrip({ kind: 'packed', layer: packed }))),
    baseline,
    notes: `${mb(bytes)} in 6 ArrayBuffers; ${fastest()}`,
  });
  rows.push({
    name: 'GeoJSON text, JSON.parse in the worker',
    ...(await timed(() => roundTrip({ kind: 'json', text }))),
    baseline,
    notes: `${mb(text.length * 2)} as a UTF-16 string`,
  });
  rows.push({
    name: baseline,
    ...(await timed(() => roundTrip({ kind: 'geojson', geojson }))),
    notes: `${geojson.features.length.toLocaleString('en-GB')} features; what postMessage(featureCollection) costs`,
  });

  await worker.terminate();
  return rows;
}

function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      worker.off('error', onError);
      resolve(message);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
