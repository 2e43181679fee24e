import { programmeRule } from './programmes.ts';
import { email, freeText, optional, phone, postcode, requiredLine, website } from './text_rules.ts';

/**
 * The rules for the asset's text fields, shared by the server (POST/PATCH, import, seed) and the
 * screen's form, so the form refuses exactly what the API would. Category, coordinates and
 * opening hours are added by each side: the server checks them against the configured area and
 * the category list, the form says "place the pin" in its own words.
 */
export function describingTextRules() {
  return {
    organisationName: requiredLine(200),
    serviceName: requiredLine(200),
    description: optional(freeText(4000)),
    programme: programmeRule,
    address: optional(freeText(500)),
    postcode: optional(postcode),
    openingTimes: optional(freeText(1000)),
    email: optional(email),
    phone: optional(phone),
    website: optional(website),
    accessibility: optional(freeText(2000)),
  };
}
