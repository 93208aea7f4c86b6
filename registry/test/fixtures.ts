import type { ServerJson, ToolDescriptor } from '@mmskills/core';

/** A valid server.json for `name@version`, published as an npm package. */
export function serverJson(name: string, version: string, description = `Test server ${name}`): ServerJson {
  return {
    $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
    name,
    description,
    version,
    packages: [
      {
        registryType: 'npm',
        identifier: `@test/${name.split('/')[1]}`,
        version,
        transport: { type: 'stdio' },
      },
    ],
  } as ServerJson;
}

export function tool(name: string, description: string, params: Record<string, string> = {}): ToolDescriptor {
  return {
    name,
    title: name.replace(/_/g, ' '),
    description,
    inputSchema: {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(params).map(([key, text]) => [key, { type: 'string', description: text }]),
      ),
      required: Object.keys(params),
    },
  };
}

export const ocrTools = [
  tool('read_text', 'Reads printed text in an image (OCR) and returns lines with boxes.', {
    image: 'the document photo',
  }),
];
export const detectTools = [
  tool('detect_objects', 'Finds objects such as people, cats and cups; returns labels, scores and boxes.', {
    image: 'the photo',
    labels: 'COCO class names to keep',
  }),
];
export const faceTools = [
  tool('detect_faces', 'Finds human faces with landmarks and optional age and gender.', {
    image: 'the photo',
  }),
];
