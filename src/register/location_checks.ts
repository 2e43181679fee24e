import { el } from '../ui/dom.ts';
import { postcode as postcodeRule } from '../../contracts/register/text_rules.ts';
import { NearbyCollectionSchema, PostcodeResultSchema } from '../../contracts/register/api.ts';
import { apiJson } from './api.ts';
import type { AssetForm } from './asset_form.ts';
import type { LocationPicker } from './location_picker.ts';

/** "Find" beside the postcode: checks it with the API's rule, then places the pin there. */
export async function findPostcode(form: AssetForm, picker: LocationPicker): Promise<void> {
  const parsed = postcodeRule.safeParse(form.postcode());
  if (!parsed.success) {
    form.setFieldError('postcode', parsed.error.issues[0]?.message ?? 'Not a postcode');
    return;
  }
  if (!parsed.data) {
    form.setFieldError('postcode', 'Type the postcode first, then find it');
    return;
  }
  form.setFieldError('postcode', null);
  form.setPostcode(parsed.data);
  try {
    const found = await apiJson(
      `postcodes/${encodeURIComponent(parsed.data)}`,
      PostcodeResultSchema,
    );
    if (!found.inArea) {
      form.setFieldError(
        'postcode',
        `${found.postcode} is outside ${found.area}, the area this register covers: add assets in ${found.area} only`,
      );
      return;
    }
    picker.placeAndShow({ latitude: found.latitude, longitude: found.longitude });
  } catch (err) {
    form.setFieldError('postcode', (err as Error).message);
  }
}

/** Warns (without blocking) when an approved asset with a similar name is within 100 m. */
export class NearbyWarning {
  private request = 0;

  constructor(private readonly form: AssetForm) {}

  /** `self`: the asset being edited, which is not a duplicate of itself. */
  async check(self: number | null): Promise<void> {
    const v = this.form.values();
    const name = v.serviceName.trim();
    const request = ++this.request;
    if (!name || v.latitude === null || v.longitude === null) {
      this.form.nearby.hidden = true;
      return;
    }
    const query = new URLSearchParams({
      lat: v.latitude.toFixed(6),
      lon: v.longitude.toFixed(6),
      name: name.slice(0, 200),
    });
    let found;
    try {
      found = await apiJson(`assets/nearby?${query.toString()}`, NearbyCollectionSchema);
    } catch {
      return; // A warning that cannot be fetched is not worth an error.
    }
    if (request !== this.request) return;
    const matches = found.features.filter((f) => f.id !== self);
    this.form.nearby.hidden = matches.length === 0;
    this.form.nearby.replaceChildren(
      el('p', { class: 'reg-warning-title', text: 'Is this already on the register?' }),
      el(
        'ul',
        {},
        ...matches.map((f) =>
          el('li', {
            text: `${f.properties.serviceName} (${f.properties.categoryLabel}${f.properties.postcode ? `, ${f.properties.postcode}` : ''}), ${f.properties.distanceMetres} m away`,
          }),
        ),
      ),
      el('p', {
        text: 'If it is the same place, there is no need to add it again. If it is different, carry on.',
      }),
    );
  }
}
