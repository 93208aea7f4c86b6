import { z } from 'zod';
import {
  AllVersionsStatusResponseSchema,
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
  VersionsQuerySchema,
} from './schemas.js';

const components = {
  ServerResponse: ServerResponseSchema,
  ServerListResponse: ServerListResponseSchema,
  AllVersionsStatusResponse: AllVersionsStatusResponseSchema,
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
  '400': json('Error', 'invalid request; `detail` and `details` name each wrong field by JSON pointer'),
  '404': json('Error', 'not found'),
};
const authErrors = {
  '401': json('Error', 'missing or unknown token'),
  '403': json('Error', 'outside your namespace'),
};
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});
const serverName = pathParam('name', 'server name, URL-encoded');
const version = pathParam('version', 'exact version, or "latest" where reading');
const bearer = [{ bearer: [] }];

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

/** The routes of the official registry API document under `prefix`; publish answers `published`. */
function officialPaths(prefix: string, published: '200' | '201') {
  const statusChange = { content: { 'application/json': { schema: ref('StatusChange') } } };
  const notImplemented = { '501': json('Error', 'not supported: published versions are immutable') };
  return {
    [`${prefix}/servers`]: {
      get: {
        summary: 'List servers',
        parameters: queryParams(ListServersQuerySchema),
        responses: { '200': json('ServerListResponse', 'a page of servers'), ...errors },
      },
    },
    [`${prefix}/servers/{name}/versions`]: {
      get: {
        summary: 'List the versions of a server, newest first',
        parameters: [serverName, ...queryParams(VersionsQuerySchema)],
        responses: { '200': json('ServerListResponse', 'its versions'), ...errors },
      },
    },
    [`${prefix}/servers/{name}/versions/{version}`]: {
      get: {
        summary: 'Get one version',
        parameters: [serverName, version, ...queryParams(VersionsQuerySchema)],
        responses: { '200': json('ServerResponse', 'the version'), ...errors },
      },
      put: { summary: 'Update a version (not supported)', responses: notImplemented },
      delete: { summary: 'Delete a version (not supported; set its status)', responses: notImplemented },
    },
    [`${prefix}/servers/{name}/versions/{version}/status`]: {
      patch: {
        summary: 'Deprecate, delete or restore a version',
        security: bearer,
        parameters: [serverName, version],
        requestBody: statusChange,
        responses: { '200': json('ServerResponse', 'the changed version'), ...errors, ...authErrors },
      },
    },
    [`${prefix}/servers/{name}/status`]: {
      patch: {
        summary: 'Deprecate, delete or restore every version of a server at once',
        security: bearer,
        parameters: [serverName],
        requestBody: statusChange,
        responses: {
          '200': json('AllVersionsStatusResponse', 'the versions changed'),
          ...errors,
          ...authErrors,
        },
      },
    },
    [`${prefix}/publish`]: {
      post: {
        summary: 'Publish a version: {server, tools} or a bare server.json',
        security: bearer,
        requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          [published]: json('ServerResponse', 'published'),
          ...errors,
          ...authErrors,
          '409': json('Error', 'version exists'),
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document of the registry API, generated from the same zod schemas the routes use. */
export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'mmskills registry',
      version,
      description:
        'MCP-registry-shaped skill repository with tool search. /v0.1 follows the official registry API (2025-12-01); /v0 is the same API plus the tool extensions.',
    },
    paths: {
      ...officialPaths('/v0.1', '200'),
      ...officialPaths('/v0', '201'),
      '/v0/servers/{name}/versions/{version}/tools': {
        get: {
          summary: 'Get the tool list of a version',
          parameters: [serverName, version],
          responses: { '200': json('ToolListResponse', 'its tools'), ...errors },
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
          security: bearer,
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
