import { ProtocolError, ProtocolErrorCode, type Server } from '@modelcontextprotocol/server';
import { readPicture } from '../pool/picture-links.js';
import type { SkillPool } from '../pool/pool.js';

/**
 * The gateway's resources: the pictures its skills made, so that the `resource_link` of a result
 * that came through the gateway can be read through it too. A read goes to the skill the URI
 * names (`mmskills://<skill>/images/<id>`); the listing is every skill's, skill by skill.
 */
export function servePictures(server: Server, pool: SkillPool): void {
  server.setRequestHandler('resources/list', async () => ({ resources: await pool.resources() }));
  server.setRequestHandler('resources/templates/list', () => ({
    resourceTemplates: [
      {
        uriTemplate: 'mmskills://{skill}/images/{id}',
        name: 'image',
        title: 'Pictures the skills made',
        description:
          "Each picture a tool returned, at full size, kept a while by the skill that made it; pass its URI as any tool's image",
      },
    ],
  }));
  server.setRequestHandler('resources/read', async (request, ctx) => {
    try {
      return await readPicture(pool, request.params.uri, ctx.mcpReq.signal);
    } catch (error) {
      throw error instanceof ProtocolError
        ? error
        : new ProtocolError(ProtocolErrorCode.InvalidParams, (error as Error).message);
    }
  });
}
