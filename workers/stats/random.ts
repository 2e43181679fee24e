/**
 * Seeded random numbers, so every Monte Carlo interval in the atlas can be reproduced
 * exactly from its seed (../shared/METHODS.md section 2: "use a seeded random generator so
 * that results are reproducible").
 */

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * mulberry32: a 32-bit state generator (Tommy Ettinger), small and fast, with a full 2^32
 * period; good enough for confidence-interval simulation and identical on every JS engine.
 * @param seed any number; only its low 32 bits are used.
 * @returns a function giving uniforms in [0, 1) with 32 bits of resolution.
 */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A source of standard normal deviates (mean 0, variance 1). */
export type Normal = () => number;

/**
 * Standard normal deviates by the Box-Muller transform over a uniform source. Each pair of
 * uniforms gives two independent normals; the second is kept for the next call.
 * @param uniform uniforms in [0, 1), e.g. `mulberry32(seed)`.
 */
export function boxMuller(uniform: Uniform): Normal {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    // 1 - u is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  };
}

/**
 * Seeded standard normal generator: `boxMuller(mulberry32(seed))`.
 * @param seed any number; the same seed always gives the same sequence.
 */
export function seededNormal(seed: number): Normal {
  return boxMuller(mulberry32(seed));
}
