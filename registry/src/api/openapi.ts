import { z } from 'zod';
import {
  ErrorResponseSchema,
  ListServersQuerySchema,
  SearchToolsQuerySchema,
  ServerListResponseSchema,
  ServerResponseSchema,
  StatusChangeSchema,
  TokenRequestSchema,
  TokenResponseSchema,
  ToolListResponseSchema,
  ToolSearchResponseSchema,
} from './schemas.js';

const components = {
  ServerResponse: ServerResponseSchema,
  ServerListResponse: ServerListResponseSchema,
  ToolListResponse: ToolListResponseSchema,
  ToolSearchResponse: ToolSearchResponseSchema,
  StatusChange: StatusChangeSchema,
  TokenRequest: TokenRequestSchema,
  TokenResponse: TokenResponseSchema,
  Error: ErrorResponseSchema,
};

const ref = (name: keyof typeof components) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof components, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const errors = {
  '400': json('Error', 'invalid request; `details` names each problem by JSON pointer'),
  '404': json('Error', 'not found'),
};
const authErrors = {
  '401': json('Error', 'missing or unknown token'),
  '403': json('Error', 'outside your namespace'),
};
const nameParams = [
  {
    name: 'name',
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'server name, URL-encoded',
  },
  {
    name: 'version',
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'exact version or "latest"',
  },
];

function queryParams(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    description: property.description,
    schema: { ...property, description: undefined },
  }));
}

/** The OpenAPI 3.1 document of the registry API, generated from the same zod schemas the routes use. */
export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'mmskills registry',
      version,
      description: 'MCP-registry-shaped skill repository with tool search.',
    },
    paths: {
      '/v0/servers': {
        get: {
          summary: 'List servers',
          parameters: queryParams(ListServersQuerySchema),
          responses: { '200': json('ServerListResponse', 'a page of servers'), ...errors },
        },
      },
      '/v0/servers/{name}/versions': {
        get: {
          summary: 'List the versions of a server',
          parameters: nameParams.slice(0, 1),
          responses: { '200': json('ServerListResponse', 'every version not deleted'), ...errors },
        },
      },
      '/v0/servers/{name}/versions/{version}': {
        get: {
          summary: 'Get one version',
          parameters: nameParams,
          responses: { '200': json('ServerResponse', 'the version'), ...errors },
        },
      },
      '/v0/servers/{name}/versions/{version}/tools': {
        get: {
          summary: 'Get the tool list of a version',
          parameters: nameParams,
          responses: { '200': json('ToolListResponse', 'its tools'), ...errors },
        },
      },
      '/v0/servers/{name}/versions/{version}/status': {
        patch: {
          summary: 'Deprecate, delete or restore a version',
          security: [{ bearer: [] }],
          parameters: nameParams,
          requestBody: { content: { 'application/json': { schema: ref('StatusChange') } } },
          responses: { '200': json('ServerResponse', 'the changed version'), ...errors, ...authErrors },
        },
      },
      '/v0/publish': {
        post: {
          summary: 'Publish a version: {server, tools} or a bare server.json',
          security: [{ bearer: [] }],
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '201': json('ServerResponse', 'published'),
            ...errors,
            ...authErrors,
            '409': json('Error', 'version exists'),
          },
        },
      },
      '/v0/tools': {
        get: {
          summary: 'Search tools',
          parameters: queryParams(SearchToolsQuerySchema),
          responses: { '200': json('ToolSearchResponse', 'ranked tools'), ...errors },
        },
      },
      '/v0/admin/tokens': {
        post: {
          summary: 'Create a publisher token for a namespace (admin token)',
          security: [{ bearer: [] }],
          requestBody: { content: { 'application/json': { schema: ref('TokenRequest') } } },
          responses: { '201': json('TokenResponse', 'the token, shown once'), ...errors, ...authErrors },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries(
        Object.entries(components).map(([name, schema]) => [
          name,
          z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }),
        ]),
      ),
    },
  };
}
