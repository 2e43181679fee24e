import { describe, expect, it } from 'vitest';
import { distanceLabel, exportDate, niceDistance, wrapText } from '../../src/reports/figure.ts';

describe('figure helpers', () => {
  it('picks a 1, 2 or 5 x 10^n scale-bar distance no longer than asked', () => {
    expect(niceDistance(7300)).toBe(5000);
    expect(niceDistance(1999)).toBe(1000);
    expect(niceDistance(250)).toBe(200);
    expect(niceDistance(1000)).toBe(1000);
  });

  it('labels distances in m or km', () => {
    expect(distanceLabel(500)).toBe('500 m');
    expect(distanceLabel(5000)).toBe('5 km');
  });

  it('wraps words without losing any', () => {
    const text =
      'Source: Office for National Statistics licensed under the Open Government Licence';
    const lines = wrapText(text, 20);
    expect(lines.every((l) => l.length <= 20 || !l.includes(' '))).toBe(true);
    expect(lines.join(' ')).toBe(text);
  });

  it('dates exports in UK style', () => {
    expect(exportDate(new Date(Date.UTC(2026, 10, 22, 12)))).toBe('22 November 2026');
  });
});
