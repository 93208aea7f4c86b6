import { z } from 'zod';
import { ExactVersionSchema } from './exact-version.js';

/** The `$schema` URL of the official server.json revision these schemas follow. */
export const SERVER_JSON_SCHEMA_URL =
  'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';

/** Reverse-DNS server name with exactly one `/`, as the official registry requires. */
export const SERVER_NAME_PATTERN = /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/;

const InputFieldsShape = {
  description: z.string().optional(),
  isRequired: z.boolean().optional(),
  format: z.enum(['string', 'number', 'boolean', 'filepath']).optional(),
  value: z.string().optional(),
  isSecret: z.boolean().optional(),
  default: z.string().optional(),
  placeholder: z.string().optional(),
  choices: z.array(z.string()).optional(),
};

export const InputSchema = z.object(InputFieldsShape);
export type Input = z.infer<typeof InputSchema>;

const InputWithVariablesShape = {
  ...InputFieldsShape,
  variables: z.record(z.string(), InputSchema).optional(),
};

/** A named input (an environment variable or an HTTP header). */
export const KeyValueInputSchema = z.object({ ...InputWithVariablesShape, name: z.string().min(1) });
export type KeyValueInput = z.infer<typeof KeyValueInputSchema>;

export const ArgumentSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...InputWithVariablesShape,
      type: z.literal('positional'),
      valueHint: z.string().optional(),
      isRepeated: z.boolean().optional(),
    })
    .refine((arg) => arg.valueHint !== undefined || arg.value !== undefined, {
      message: 'a positional argument needs "valueHint" or "value"',
      path: ['valueHint'],
    }),
  z.object({
    ...InputWithVariablesShape,
    type: z.literal('named'),
    name: z.string().min(1),
    isRepeated: z.boolean().optional(),
  }),
]);
export type Argument = z.infer<typeof ArgumentSchema>;

const StdioTransportSchema = z.object({ type: z.literal('stdio') });
// The schema's URL rule: http(s) and no whitespace. URLs are templates ("{port}", "{tenant}"), so
// they are not parsed as URLs: `https://{tenant}.example.com/mcp` is valid.
const TemplateUrlSchema = z
  .string()
  .regex(/^https?:\/\/[^\s]+$/, 'must start with http:// or https:// and hold no spaces');
const StreamableHttpTransportSchema = z.object({
  type: z.literal('streamable-http'),
  url: TemplateUrlSchema,
  headers: z.array(KeyValueInputSchema).optional(),
});
const SseTransportSchema = z.object({
  type: z.literal('sse'),
  url: TemplateUrlSchema,
  headers: z.array(KeyValueInputSchema).optional(),
});

export const TransportSchema = z.discriminatedUnion('type', [
  StdioTransportSchema,
  StreamableHttpTransportSchema,
  SseTransportSchema,
]);
export type Transport = z.infer<typeof TransportSchema>;

// A remote's `variables` fill the `{curly_braces}` of its URL; without them it cannot be resolved.
const RemoteVariablesShape = { variables: z.record(z.string(), InputSchema).optional() };
export const RemoteSchema = z.discriminatedUnion('type', [
  StreamableHttpTransportSchema.extend(RemoteVariablesShape),
  SseTransportSchema.extend(RemoteVariablesShape),
]);
export type Remote = z.infer<typeof RemoteSchema>;

/**
 * Any string, as in the schema: registries it does not name (`cargo`, ...) are valid. The rules
 * below apply to the ones whose publish rules the official registry enforces.
 */
export const RegistryTypeSchema = z.string();
export type RegistryType = z.infer<typeof RegistryTypeSchema>;

export const PackageSchema = z
  .object({
    registryType: RegistryTypeSchema,
    registryBaseUrl: z.url().optional(),
    identifier: z.string().min(1),
    version: ExactVersionSchema.optional(),
    fileSha256: z
      .string()
      .regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex digits')
      .optional(),
    runtimeHint: z.string().optional(),
    transport: TransportSchema,
    runtimeArguments: z.array(ArgumentSchema).optional(),
    packageArguments: z.array(ArgumentSchema).optional(),
    environmentVariables: z.array(KeyValueInputSchema).optional(),
  })
  .superRefine((pkg, ctx) => {
    // The official registry's publish rules (not the schema's): npm, pypi and nuget packages are
    // pinned by version, oci and mcpb carry it in the identifier, mcpb files come with their hash.
    const byRegistry =
      pkg.registryType === 'npm' || pkg.registryType === 'pypi' || pkg.registryType === 'nuget';
    if (byRegistry && pkg.version === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `required for ${pkg.registryType} packages`,
        path: ['version'],
      });
    }
    if (pkg.registryType === 'mcpb' && pkg.fileSha256 === undefined) {
      ctx.addIssue({ code: 'custom', message: 'required for mcpb packages', path: ['fileSha256'] });
    }
  });
export type Package = z.infer<typeof PackageSchema>;

export const RepositorySchema = z.object({
  url: z.url(),
  source: z.string().min(1),
  id: z.string().optional(),
  subfolder: z.string().optional(),
});
export type Repository = z.infer<typeof RepositorySchema>;

export const IconSchema = z.object({
  src: z.url({ protocol: /^https$/ }).max(255),
  mimeType: z.enum(['image/png', 'image/jpeg', 'image/jpg', 'image/svg+xml', 'image/webp']).optional(),
  sizes: z.array(z.string().regex(/^(\d+x\d+|any)$/, 'must be "WxH" or "any"')).optional(),
  theme: z.enum(['light', 'dark']).optional(),
});
export type Icon = z.infer<typeof IconSchema>;

/**
 * `server.json` as the official MCP registry defines it (schema 2025-12-11); unknown keys are dropped.
 * @see https://github.com/modelcontextprotocol/registry/tree/main/docs/reference/server-json
 */
export const ServerJsonSchema = z.object({
  $schema: z.url().optional(),
  name: z
    .string()
    .min(3)
    .max(200)
    .regex(SERVER_NAME_PATTERN, 'must be reverse-DNS with exactly one "/", like "io.github.owner/server"'),
  title: z.string().min(1).max(100).optional(),
  description: z.string().min(1).max(100),
  version: ExactVersionSchema,
  websiteUrl: z.url().optional(),
  repository: RepositorySchema.optional(),
  icons: z.array(IconSchema).optional(),
  packages: z.array(PackageSchema).optional(),
  remotes: z.array(RemoteSchema).optional(),
  _meta: z.record(z.string(), z.unknown()).optional(),
});
export type ServerJson = z.infer<typeof ServerJsonSchema>;
