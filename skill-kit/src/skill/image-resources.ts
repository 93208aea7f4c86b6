import { PROTOCOL_VERSION_META_KEY, ResourceNotFoundError, type Server } from '@modelcontextprotocol/server';
import type { ImageStore } from './image-store.js';

// A listing stays a listing: the newest pictures, not every one held.
const LISTED = 100;

/**
 * The pictures a skill made, as MCP resources: listed newest first, read by the URI a result's
 * `resource_link` gave (`blob`, base64), and described by one template. A picture no longer
 * held (or never made here) is a not-found error naming what to do.
 */
export function serveImages(server: Server, images: ImageStore): void {
  server.setRequestHandler('resources/list', () => ({
    resources: images.list().slice(0, LISTED),
  }));
  server.setRequestHandler('resources/templates/list', () => ({
    resourceTemplates: [
      {
        uriTemplate: `mmskills://${images.skill}/images/{id}`,
        name: 'image',
        title: 'Pictures this skill made',
        description:
          'Each picture a tool returned, at full size, kept for a while; pass its URI as the image of a later call to this skill',
      },
    ],
  }));
  server.setRequestHandler('resources/read', (request) => {
    const { uri } = request.params;
    const held = images.read(uri);
    if (!held) {
      throw new ResourceNotFoundError(
        uri,
        `${uri} is not held here: ${images.skill} keeps the pictures it made for a while, up to a limit; run the tool again`,
      );
    }
    return { contents: [{ uri, mimeType: held.mimeType, blob: held.data.toString('base64') }] };
  });
}

/**
 * Whether the client's protocol version has `resource_link` blocks (2025-06-18 on): a 2026
 * request names its version in its `_meta` envelope, a 2025 session agreed on one at initialize.
 */
export function knowsLinks(server: Server, envelope: Record<string, unknown> | undefined): boolean {
  const version = envelope?.[PROTOCOL_VERSION_META_KEY] ?? server.getNegotiatedProtocolVersion();
  return typeof version === 'string' && version >= '2025-06-18';
}
