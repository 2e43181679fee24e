import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, snapshot, submission, type TestApp } from '../helpers.ts';

// Issue 13: bidirectional overrides and zero-width characters were accepted in one-line fields,
// so a name could display as something else than it says (spoofing in the moderation queue).
describe('one-line fields refuse bidi controls and zero-width characters (issue 13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t.close());

  const sneaky = [
    ['RIGHT-TO-LEFT OVERRIDE', '\u202E'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202A'],
    ['RIGHT-TO-LEFT ISOLATE', '\u2067'],
    ['POP DIRECTIONAL ISOLATE', '\u2069'],
    ['ZERO WIDTH SPACE', '\u200B'],
    ['ZERO WIDTH JOINER', '\u200D'],
    ['LEFT-TO-RIGHT MARK', '\u200E'],
    ['WORD JOINER', '\u2060'],
    ['BYTE ORDER MARK', '\uFEFF'],
  ] as const;

  it.each(sneaky)('refuses %s in serviceName and organisationName', async (_name, ch) => {
    const before = snapshot(t.register);
    for (const field of ['serviceName', 'organisationName']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/assets',
        payload: submission({ [field]: `Linacre${ch}Garden` }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields).toContainEqual({
        field,
        message: expect.stringMatching(/invisible or direction/i),
      });
    }
    expect(snapshot(t.register)).toBe(before);
  });

  it('still takes accented and right-to-left scripts', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: submission({ serviceName: 'Café Ynys Môn مقهى' }),
    });
    expect(res.statusCode).toBe(201);
  });
});
