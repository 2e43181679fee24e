import type { PrivateProperties } from '../../contracts/register/api.ts';
import type { FormValues } from './asset_form.ts';

/** What the edit-link holder is told about their entry's state, in plain words. */
export function statusText(p: PrivateProperties): string {
  switch (p.status) {
    case 'pending':
      return 'Waiting for a moderator to check it. Changes you save now are part of what they check.';
    case 'approved':
      if (p.withdrawalRequested) {
        return 'On the public map until a moderator confirms your request to withdraw it.';
      }
      return p.pendingChanges
        ? 'On the public map. Your last changes are waiting for a moderator; the map shows the approved version until then. The form shows your changes.'
        : 'On the public map. Changes you save are checked by a moderator before the map shows them.';
    case 'rejected':
      return `Not accepted by a moderator${p.statusReason ? `: "${p.statusReason}"` : ''}. Saving changes sends it back for checking.`;
    case 'archived':
      return p.mergedInto
        ? 'Merged into another entry by a moderator: it can no longer be changed here.'
        : 'Withdrawn or archived: it is not on the map and can no longer be changed.';
  }
}

type TextKey =
  | 'serviceName'
  | 'organisationName'
  | 'category'
  | 'programme'
  | 'description'
  | 'address'
  | 'postcode'
  | 'openingTimes'
  | 'email'
  | 'phone'
  | 'website'
  | 'accessibility';

/**
 * The form's starting values: the asset, with the partner's own changes still waiting for a
 * moderator laid over it (they are what the partner last said).
 */
export function formValuesOf(p: PrivateProperties, coordinates: [number, number]): FormValues {
  const pending = p.pendingChanges ?? {};
  const text = (key: TextKey): string => {
    const proposed = pending[key];
    if (typeof proposed === 'string') return proposed;
    if (proposed === null) return '';
    return p[key] ?? '';
  };
  const num = (key: 'latitude' | 'longitude', fallback: number): number => {
    const proposed = pending[key];
    return typeof proposed === 'number' ? proposed : fallback;
  };
  return {
    serviceName: text('serviceName'),
    organisationName: text('organisationName'),
    category: text('category'),
    programme: text('programme'),
    description: text('description'),
    latitude: num('latitude', coordinates[1]),
    longitude: num('longitude', coordinates[0]),
    address: text('address'),
    postcode: text('postcode'),
    openingTimes: text('openingTimes'),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    accessibility: text('accessibility'),
    consentToPublish: p.consentToPublish,
  };
}
