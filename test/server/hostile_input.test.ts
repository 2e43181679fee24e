import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalisePostcode } from '../../contracts/register/text_rules.ts';
import { makeApp, snapshot, submission, submit, type TestApp } from './helpers.ts';

interface ErrorBody {
  error: string;
  fields: { field: string; message: string }[];
}

const ONE_LINE = ['organisationName', 'serviceName'] as const;
const FREE_TEXT = ['description', 'address', 'openingTimes', 'accessibility'] as const;
const ALL_KNOWN = new Set([
  ...ONE_LINE,
  ...FREE_TEXT,
  'category',
  'latitude',
  'longitude',
  'postcode',
  'openingHours',
  'email',
  'phone',
  'website',
  'consentToPublish',
]);

// Controls a free-text field must refuse (tab and newline are allowed there).
const badControl = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x08 }),
    fc.integer({ min: 0x0b, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.constantFrom(0x2028, 0x2029),
  )
  .map((c) => String.fromCharCode(c));

const withControl = (control: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.string({ maxLength: 40 }), control, fc.string({ maxLength: 40 }))
    .map(([a, c, b]) => `${a}${c}${b}`);

const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/**
 * A JSON body text and what spoils it; each case is invalid by construction. `base` is a valid
 * body for the route under test, so the only reason for a 400 is the spoiled part.
 */
const hostileFor = (
  base: (overrides?: Record<string, unknown>) => Record<string, unknown>,
): fc.Arbitrary<{ body: string; what: string }> => {
  const submission = base;
  return fc.oneof(
    // Far too long: beyond every field's limit, within the 64 KiB body limit.
    fc
      .tuple(
        fc.constantFrom(...ONE_LINE, ...FREE_TEXT),
        fc.integer({ min: 4_001, max: 30_000 }),
        fc.string({ minLength: 1, maxLength: 3 }),
      )
      .map(([field, n, unit]) => ({
        what: `huge ${field}`,
        body: JSON.stringify(
          submission({ [field]: unit.repeat(Math.ceil(n / unit.length)) + 'x'.repeat(4001) }),
        ),
      })),
    // Control characters, including newline and tab in one-line fields.
    fc
      .tuple(
        fc.constantFrom(...ONE_LINE),
        withControl(fc.oneof(badControl, fc.constantFrom('\n', '\t', '\r'))),
      )
      .map(([field, v]) => ({
        what: `control in ${field}`,
        body: JSON.stringify(submission({ [field]: v })),
      })),
    fc.tuple(fc.constantFrom(...FREE_TEXT), withControl(badControl)).map(([field, v]) => ({
      what: `control in ${field}`,
      body: JSON.stringify(submission({ [field]: v })),
    })),
    // Coordinates outside the area, or not numbers at all.
    fc
      .tuple(
        fc.constantFrom('latitude', 'longitude'),
        fc.oneof(
          fc.double({ min: -1e308, max: 53.39, noNaN: true }),
          fc.double({ min: 53.73, max: 1e308, noNaN: true }),
        ),
      )
      .map(([field, v]) => ({
        what: `${field} out of range`,
        // -3.0 is inside the longitude range, so longitude uses the latitude-shaped values.
        body: JSON.stringify(
          submission({ [field]: field === 'latitude' ? v : v + (v > 0 ? 0 : -10) }),
        ),
      })),
    // Wrong types for required fields.
    fc
      .tuple(
        fc.constantFrom(
          'organisationName',
          'serviceName',
          'category',
          'latitude',
          'longitude',
          'consentToPublish',
        ),
        wrongType,
      )
      // true is the one valid value of consentToPublish; an integer such as -3 can be a
      // valid longitude.
      .filter(([field, v]) => !(field === 'consentToPublish' && v === true))
      .filter(([field, v]) => !(/itude$/.test(field) && typeof v === 'number'))
      .map(([field, v]) => ({
        what: `wrong type ${field}`,
        body: JSON.stringify(submission({ [field]: v })),
      })),
    // Fields that do not exist.
    fc
      .tuple(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((k) => !ALL_KNOWN.has(k) && k !== '__proto__'),
        fc.jsonValue(),
      )
      .map(([key, v]) => ({
        what: `extra ${key}`,
        body: JSON.stringify({ ...submission(), [key]: v }),
      })),
    // Prototype-pollution keys, written into the JSON text (an object literal would drop them).
    fc
      .constantFrom(
        '"__proto__":{"isAdmin":true}',
        '"constructor":{"prototype":{"isAdmin":true}}',
        '"prototype":{"isAdmin":true}',
        '"status":"approved"',
      )
      .map((extra) => ({
        what: `key ${extra}`,
        body: `${JSON.stringify(submission()).slice(0, -1)},${extra}}`,
      })),
    // Values that look plausible but are not.
    fc
      .constantFrom<[string, unknown]>(
        ['category', '<script>alert(1)</script>'],
        ['website', 'javascript:alert(1)'],
        ['website', 'data:text/html,<script>alert(1)</script>'],
        ['website', 'https://user:pass@example.org/'],
        ['email', 'not an email'],
        ['email', 'a@b'],
        ['phone', '0151 <script>'],
        ['postcode', 'L20 <b>'],
        ['postcode', 'ZZ99 9ZZZ'],
        ['openingHours', [{ day: 'xx', opens: '09:00', closes: '17:00' }]],
        ['openingHours', [{ day: 'mo', opens: '17:00', closes: '09:00' }]],
        ['openingHours', [{ day: 'mo', opens: '09:00', closes: '25:00' }]],
        ['consentToPublish', false],
        ['serviceName', ''],
        ['serviceName', '   '],
        ['serviceName', 'lone surrogate \ud800 here'],
      )
      .map(([field, v]) => ({
        what: `bad ${field}`,
        body: JSON.stringify(submission({ [field]: v })),
      })),
    // Not an object at all.
    fc
      .constantFrom('[]', '"text"', '42', 'null', '{', '{"a":', '{}')
      .map((body) => ({ what: `body ${body}`, body })),
  );
};

const hostile = hostileFor(submission);
/** The submission minus consentToPublish (not editable), unless a case sets it on purpose. */
const patchBase = (overrides: Record<string, unknown> = {}) => {
  const body = submission(overrides);
  if (!('consentToPublish' in overrides)) delete body.consentToPublish;
  return body;
};
const hostilePatch = hostileFor(patchBase);

describe('hostile and malformed input', () => {
  let t: TestApp;
  let token: { id: number; editToken: string };
  beforeAll(async () => {
    t = await makeApp();
    token = await submit(t.app);
  });
  afterAll(() => t.close());

  it('POST /api/assets answers 400 with field errors and changes nothing', async () => {
    const before = snapshot(t.register);
    await fc.assert(
      fc.asyncProperty(hostile, async ({ body, what }) => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/assets',
          headers: { 'content-type': 'application/json' },
          payload: body,
        });
        expect(res.statusCode, what).toBe(400);
        const json = res.json() as ErrorBody;
        expect(typeof json.error).toBe('string');
        expect(json.fields.length, what).toBeGreaterThan(0);
        for (const f of json.fields) {
          expect(typeof f.field).toBe('string');
          expect(typeof f.message).toBe('string');
          // Errors never echo the hostile value back.
          expect(f.message.length).toBeLessThan(200);
          // Each message says what is wrong, not just that something is.
          expect(f.message, what).not.toBe('Invalid input');
        }
      }),
      { numRuns: 300 },
    );
    expect(snapshot(t.register)).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('PATCH by the edit-token holder refuses the same and changes nothing', async () => {
    // The base body on its own is a valid edit, so every 400 below is the hostile part's doing.
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${token.id}`,
      headers: { authorization: `Bearer ${token.editToken}` },
      payload: patchBase(),
    });
    expect(ok.statusCode).toBe(200);
    const before = snapshot(t.register);
    await fc.assert(
      fc.asyncProperty(hostilePatch, async ({ body, what }) => {
        const res = await t.app.inject({
          method: 'PATCH',
          url: `/api/assets/${token.id}`,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token.editToken}`,
          },
          payload: body,
        });
        expect(res.statusCode, what).toBe(400);
        expect((res.json() as ErrorBody).fields.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
    expect(snapshot(t.register)).toBe(before);
  });

  it('names each bad field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: {
        ...submission({ serviceName: 'a\u0000b', latitude: 99, category: 'nope' }),
        extra: 1,
      },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as ErrorBody).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['category', 'extra', 'latitude', 'serviceName']);
  });

  it('refuses bad query strings and path parameters', async () => {
    const urls = [
      '/api/assets?bbox=1,2,3',
      '/api/assets?bbox=-3,53,-4,54',
      '/api/assets?bbox=a,b,c,d',
      '/api/assets?category=%3Cscript%3E',
      '/api/assets?category=food&category=library',
      '/api/assets?unknown=1',
      '/api/assets?__proto__=1',
      '/api/assets/abc',
      '/api/assets/0',
      '/api/assets/-1',
      '/api/assets/1.5',
      '/api/assets/99999999999',
      '/api/assets/nearby?lat=53.4&lon=-3',
      '/api/assets/nearby?lat=abc&lon=-3&name=x',
      '/api/assets/nearby?lat=91&lon=-3&name=x',
      '/api/assets/export?format=xml',
      '/api/assets/export',
      '/api/categories?x=1',
    ];
    for (const url of urls) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect((res.json() as ErrorBody).fields.length, url).toBeGreaterThan(0);
    }
  });

  it('answers 413 with the same error shape for a body over the limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: submission({ description: 'x'.repeat(70_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect((res.json() as ErrorBody).fields[0]?.field).toBe('body');
  });

  it('stores a name with a script tag verbatim, as text', async () => {
    const name = '<script>alert(1)</script> & "Friends" of Bootle\'s <b>Park</b>';
    const description = 'Line one\n\tindented <img src=x onerror=alert(1)>\nCafé, Ŵ, 🌱';
    const created = await submit(t.app, { serviceName: name, description });
    const row = t.register.db
      .prepare('SELECT service_name, description FROM assets WHERE id = ?')
      .get(created.id) as { service_name: string; description: string };
    expect(row).toEqual({ service_name: name, description });
    const res = await t.app.inject({
      url: `/api/assets/${created.id}`,
      headers: { authorization: `Bearer ${created.editToken}` },
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().properties.serviceName).toBe(name);
    expect(res.json().properties.description).toBe(description);
    // Plain JSON: no HTML escaping or entity encoding on the way out.
    expect(res.body).toContain('<script>alert(1)</script>');
  });

  it('normalises what is safe to normalise: postcode case and spacing, CRLF, outer spaces', async () => {
    const created = await submit(t.app, {
      postcode: ' l203bg ',
      serviceName: '  Padded  ',
      description: 'a\r\nb',
    });
    const asset = await t.register.assets.get(created.id);
    expect(asset).toMatchObject({
      postcode: 'L20 3BG',
      serviceName: 'Padded',
      description: 'a\nb',
    });
  });
});

describe('UK postcode rule', () => {
  it.each([
    ['L20 3BG', 'L20 3BG'],
    ['pr8 6dg', 'PR8 6DG'],
    ['L9 8BU', 'L9 8BU'],
    ['EC1A1BB', 'EC1A 1BB'],
    ['W1A 0AX', 'W1A 0AX'],
    ['GIR 0AA', 'GIR 0AA'],
  ])('accepts %s', (input, out) => {
    expect(normalisePostcode(input)).toBe(out);
  });
  it.each(['L20', 'QQ1 1AA', 'L20 3BGG', '123 456', 'L20 3CI', ''])('rejects %s', (input) => {
    expect(normalisePostcode(input)).toBeNull();
  });
});
