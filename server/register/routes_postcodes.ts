import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RegisterArea } from './area.ts';
import { POSTCODE_LICENCE, PostcodeDataMissing, type PostcodeLookup } from './postcodes.ts';
import { emptyQuery } from './schemas.ts';
import { postcode } from '../../contracts/register/text_rules.ts';
import { HttpError, parseOrThrow } from './validation.ts';

const postcodeParams = z.strictObject({
  postcode: postcode.refine((p) => p !== '', { error: 'Required' }),
});

/**
 * `GET /api/postcodes/:postcode`: the Code-Point Open centroid of a postcode, so the submission
 * form can place an asset by postcode. `inArea` says whether it is inside the register's area
 * (the authority's outline), `area` names that area and `ward` is the ward holding it.
 */
export function postcodeRoutes(
  app: FastifyInstance,
  lookup: PostcodeLookup,
  area: RegisterArea,
): void {
  app.get('/api/postcodes/:postcode', async (request) => {
    const params = parseOrThrow(postcodeParams, request.params, 'params');
    parseOrThrow(emptyQuery, request.query, 'query');
    let found;
    try {
      found = await lookup.find(params.postcode);
    } catch (err) {
      if (err instanceof PostcodeDataMissing) {
        request.log.error({ err }, 'postcode lookup unavailable');
        throw new HttpError(503, 'Postcode lookup is not available; place the pin on the map');
      }
      throw err;
    }
    if (!found) {
      throw new HttpError(
        404,
        `${params.postcode} is not in the postcode data (Code-Point Open 2014; newer postcodes are missing): place the pin on the map`,
      );
    }
    const { latitude, longitude } = found;
    return {
      postcode: params.postcode,
      latitude,
      longitude,
      inArea: area.contains(latitude, longitude),
      area: area.name,
      ward: area.wardAt(latitude, longitude)?.name ?? null,
      licence: POSTCODE_LICENCE,
    };
  });
}
