/**
 * Confidence limits of an indicator's area values where the data has them (a Fingertips export
 * of ward life expectancy does), kept beside the model's tables by indicator id, in table order;
 * with an import's 99.8% limits, counts and benchmark rows when it has them, for the profile's
 * comparison (workers/significance/supplied_limits.ts).
 */
export interface AreaLimits {
  lower: (number | null)[];
  upper: (number | null)[];
  /** What they are: "95%", "99.8%" or "as supplied". */
  interval: string;
}

/** Everything an import gave besides its values, in table order. */
export interface SuppliedColumns {
  /** 95% limits (null where the file has none at 95%). */
  lower95: (number | null)[] | null;
  upper95: (number | null)[] | null;
  lower998: (number | null)[] | null;
  upper998: (number | null)[] | null;
  count: (number | null)[] | null;
  denominator: (number | null)[] | null;
  /** The file's England, region and authority rows. */
  benchmarks: { code: string; name: string | null; value: number }[];
}

const supplied = new Map<string, SuppliedColumns>();

export function setSuppliedColumns(indicatorId: string, c: SuppliedColumns | null): void {
  if (c) supplied.set(indicatorId, c);
  else supplied.delete(indicatorId);
}

export function suppliedColumnsOf(indicatorId: string): SuppliedColumns | null {
  return supplied.get(indicatorId) ?? null;
}

const limits = new Map<string, AreaLimits>();

export function setAreaLimits(indicatorId: string, l: AreaLimits | null): void {
  if (l) limits.set(indicatorId, l);
  else limits.delete(indicatorId);
}

export function areaLimitsOf(indicatorId: string): AreaLimits | null {
  return limits.get(indicatorId) ?? null;
}
