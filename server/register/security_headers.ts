import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface CspExtras {
  /** Extra origins the map may fetch from (tile, style and glyph servers). */
  connectSrc?: string[];
  /** Extra origins for images (raster tiles, sprites). */
  imgSrc?: string[];
}

/**
 * Helmet's headers for the whole app, with a CSP the MapLibre app can live with: it spawns
 * its workers from blob: URLs, draws to canvases it reads back as data:/blob: images, and sets
 * inline styles on its controls. Scripts only from our own origin.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  extras: CspExtras = {},
): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:', ...(extras.imgSrc ?? [])],
        connectSrc: ["'self'", ...(extras.connectSrc ?? [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  });
}
