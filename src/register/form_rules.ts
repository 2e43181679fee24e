import { z } from 'zod';
// The server's own field rules (pure zod, no Node): the form refuses exactly what the API would.
import { describingTextRules } from '../../contracts/register/field_rules.ts';

/** Form field names: the API's, plus `location` for the pin (latitude and longitude). */
export const FIELD_NAMES = [
  'serviceName',
  'organisationName',
  'category',
  'programme',
  'description',
  'location',
  'postcode',
  'address',
  'openingTimes',
  'email',
  'phone',
  'website',
  'accessibility',
  'consentToPublish',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

const where = 'Place the pin: click the map, or find the postcode';
const coordinate = z.number({ error: where });

function describing(categoryIds: [string, ...string[]]) {
  return {
    ...describingTextRules(),
    category: z.enum(categoryIds, { error: 'Choose a category' }),
    latitude: coordinate,
    longitude: coordinate,
  };
}

/** A new submission, as POST /api/assets takes it (the area check is left to the server). */
export function submissionSchema(categoryIds: [string, ...string[]]) {
  return z.strictObject({
    ...describing(categoryIds),
    consentToPublish: z.literal(true, {
      error: 'Tick to confirm the organisation agrees to publication',
    }),
  });
}

/** The whole form in edit mode; the PATCH sends only what changed. */
export function editSchema(categoryIds: [string, ...string[]]) {
  return z.strictObject(describing(categoryIds));
}

export type Submission = z.output<ReturnType<typeof submissionSchema>>;
export type EditedAsset = z.output<ReturnType<typeof editSchema>>;

/** Where an API or zod field name shows its message on the form. */
export function formFieldOf(apiField: string): FieldName | null {
  const top = apiField.split('.')[0] ?? '';
  if (top === 'latitude' || top === 'longitude') return 'location';
  return (FIELD_NAMES as readonly string[]).includes(top) ? (top as FieldName) : null;
}

export interface FieldMessage {
  field: FieldName | null;
  message: string;
}

/** zod issues as form messages, one per field (the first wins), in form order. */
export function messagesFrom(error: z.ZodError): FieldMessage[] {
  const byField = new Map<FieldName | null, string>();
  for (const issue of error.issues) {
    const field = formFieldOf(issue.path.map(String).join('.'));
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  const order = (f: FieldName | null) => (f === null ? -1 : FIELD_NAMES.indexOf(f));
  return [...byField]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([field, message]) => ({ field, message }));
}
