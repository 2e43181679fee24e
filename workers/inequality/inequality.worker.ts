/**
 * The inequality worker: SII simulations and life expectancy from a user's file, off the main
 * thread. A thin comlink adapter over the pure modules; inputs are validated here, on entry.
 * Tests import `createInequalityWorker` and call it directly.
 */
import * as Comlink from 'comlink';
import { z } from 'zod';
import {
  InequalityInputSchema,
  LifeExpectancyRequestSchema,
  parseRequest,
  type InequalityApi,
} from './inequality_api.ts';
import { inequalityByDeprivation } from './inequality_by_deprivation.ts';
import {
  areaLifeExpectancy,
  lifeExpectancyByDeprivation,
  parseLifeExpectancyCsv,
  pooledBands,
} from './life_expectancy_csv.ts';
import { compareLimits } from '../significance/compare.ts';

export function createInequalityWorker(): InequalityApi {
  return {
    async inequality(input) {
      return inequalityByDeprivation(parseRequest(InequalityInputSchema, input, 'input'));
    },

    async lifeExpectancy(request) {
      const r = parseRequest(LifeExpectancyRequestSchema, request, 'request');
      const parsed = parseLifeExpectancyCsv(r.text);
      if (!parsed.ok) return parsed;
      const codes = new Set(r.frame.codes);
      const onMap = parsed.areas.filter((a) => codes.has(a.area));
      const options = { age: r.age ?? 0, level: r.level ?? 0.95 };
      const total = areaLifeExpectancy(pooledBands(parsed.areas, 'All areas of the file'), options);
      return {
        ok: true,
        areas: parsed.areas.map((bands) => {
          const e = areaLifeExpectancy(bands, options);
          // Fingertips' comparison: the area's interval against the benchmark's value
          // (workers/significance/compare.ts); longer life is better.
          const comparison =
            e.e0 === null || e.lower === null || e.upper === null || total.e0 === null
              ? null
              : compareLimits(e.lower, e.upper, total.e0, 'higher-is-better');
          return { ...e, comparison };
        }),
        total,
        inequality:
          onMap.length === 0
            ? null
            : lifeExpectancyByDeprivation(onMap, r.frame, r.quantiles, {
                simulations: r.simulations,
                seed: r.seed,
                age: options.age,
              }),
        notOnMap: parsed.areas.filter((a) => !codes.has(a.area)).map((a) => a.area),
      };
    },
  };
}

// Only a Web Worker exposes itself; imported anywhere else (tests) it stays inert.
if ('WorkerGlobalScope' in globalThis) {
  // zod's compiled validators use new Function, which the Content-Security-Policy forbids.
  z.config({ jitless: true });
  Comlink.expose(createInequalityWorker());
}
