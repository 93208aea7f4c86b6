import { ServerJsonSchema, ToolDescriptorSchema } from '@mmskills/core';
import { z } from 'zod';
import { NamespaceSchema } from '../auth/tokens.js';
import { ServerStatusSchema } from '../store/store.js';

/** The `_meta` key under which the official registry reports its own facts about a version. */
export const OFFICIAL_META = 'io.modelcontextprotocol.registry/official';

const IncludeDeletedSchema = z
  .stringbool()
  .optional()
  .describe('"true" to include deleted versions (default false)');

export const ListServersQuerySchema = z.object({
  cursor: z.string().max(1024).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(30).describe('servers per page, 1–100'),
  search: z.string().max(200).optional().describe('substring of the server name'),
  version: z.string().max(255).optional().describe('"latest" or an exact version'),
  updated_since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('RFC 3339 time; only versions updated after it, deleted ones included'),
  include_deleted: IncludeDeletedSchema,
});

/** The query of a server's versions and of one version. */
export const VersionsQuerySchema = z.object({ include_deleted: IncludeDeletedSchema });

export const SearchToolsQuerySchema = z.object({
  q: z.string().min(1, 'q is required').max(500).describe('words describing what the tool should do'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('tools to return, 1–50'),
});

export const VersionMetaSchema = z.object({
  status: ServerStatusSchema,
  statusMessage: z.string().optional(),
  publishedAt: z.string(),
  updatedAt: z.string(),
  isLatest: z.boolean(),
});

export const ServerResponseSchema = z.object({
  server: ServerJsonSchema,
  _meta: z.object({ [OFFICIAL_META]: VersionMetaSchema }),
});

export const ServerListResponseSchema = z.object({
  servers: z.array(ServerResponseSchema),
  metadata: z.object({ nextCursor: z.string().optional(), count: z.number().int() }),
});

export const ToolListResponseSchema = z.object({
  server: z.object({ name: z.string(), version: z.string() }),
  tools: z.array(ToolDescriptorSchema),
});

export const ToolSearchResponseSchema = z.object({
  tools: z.array(
    z.object({
      server: z.object({ name: z.string(), version: z.string() }),
      tool: ToolDescriptorSchema,
      score: z.number(),
    }),
  ),
  metadata: z.object({ count: z.number().int() }),
});

export const StatusChangeSchema = z.object({
  status: ServerStatusSchema,
  statusMessage: z.string().max(500).optional(),
});

export const AllVersionsStatusResponseSchema = z.object({
  updatedCount: z.number().int(),
  servers: z.array(ServerResponseSchema),
});

export const TokenRequestSchema = z.object({ namespace: NamespaceSchema });
export const TokenResponseSchema = z.object({ token: z.string(), namespace: z.string() });

/** See `problem` in ../errors.ts. */
export const ErrorResponseSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  error: z.string(),
  details: z.array(z.object({ pointer: z.string(), message: z.string() })).optional(),
  errors: z.array(z.object({ message: z.string(), location: z.string() })).optional(),
});
