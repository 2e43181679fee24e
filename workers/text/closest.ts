/**
 * Closest matches of a mistyped name or code, for messages such as "Unknown area 'Sefon';
 * did you mean Sefton (E08000014)?". Levenshtein distance over lower-cased text, with a
 * substring match counted as closest.
 */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** The `n` candidates closest to `query` by any of their keys (name, code...). */
export function closestMatches<T>(
  query: string,
  candidates: readonly T[],
  keys: (c: T) => string[],
  n = 3,
): T[] {
  const q = query.trim().toLowerCase();
  const scored = candidates.map((c) => {
    const best = Math.min(
      ...keys(c).map((k) => {
        const key = k.toLowerCase();
        return key.includes(q) || q.includes(key) ? 0 : editDistance(q, key);
      }),
    );
    return { c, best };
  });
  return scored
    .sort((a, b) => a.best - b.best)
    .slice(0, n)
    .map((s) => s.c);
}
