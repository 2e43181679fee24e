// A corrupted link is answered in words: the notice names what the parameter should hold and
// never shows a regular expression or the validator's wording (issue 15).
import { describe, expect, it } from 'vitest';
import { parseViewState } from '../../src/state/view_state.ts';

describe('parseViewState problems', () => {
  it('say what each bad parameter should be, without patterns', () => {
    const { problems } = parseViewState(
      '?k=99&level=county&sel=bad&at=zz&layers=A%20B&ind=X!&pal=pink&cls=x&order=up&rep=q&orient=s',
    );
    expect(problems).toHaveLength(11);
    for (const p of problems) {
      expect(p).toMatch(/^"\w+=.*" is not valid \(expected .+\); using the default$/);
      expect(p).not.toMatch(/\/\^|\\d|\[a-z|pattern|Invalid/);
    }
    expect(problems.join(' ')).toContain(
      '"k=99" is not valid (expected a number of classes from 3 to 9)',
    );
  });
});
