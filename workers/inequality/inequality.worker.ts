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
  lifeExpectancyAtBirth,
  lifeExpectancyByDeprivation,
  parseLifeExpectancyCsv,
} from './life_expectancy_csv.ts';

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
      return {
        ok: true,
        areas: parsed.areas.map(lifeExpectancyAtBirth),
        inequality:
          onMap.length === 0
            ? null
            : lifeExpectancyByDeprivation(onMap, r.frame, r.quantiles, {
                simulations: r.simulations,
                seed: r.seed,
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
