/**
 * Confidence limits of an indicator's area values where the data has them (a Fingertips export
 * of ward life expectancy does), kept beside the model's tables by indicator id, in table order.
 */
export interface AreaLimits {
  lower: (number | null)[];
  upper: (number | null)[];
  /** What they are: "95%", "99.8%" or "as supplied". */
  interval: string;
}

const limits = new Map<string, AreaLimits>();

export function setAreaLimits(indicatorId: string, l: AreaLimits | null): void {
  if (l) limits.set(indicatorId, l);
  else limits.delete(indicatorId);
}

export function areaLimitsOf(indicatorId: string): AreaLimits | null {
  return limits.get(indicatorId) ?? null;
}
