export type { RegistryEnv } from './api/env.js';
export { openApiDocument } from './api/openapi.js';
export { OFFICIAL_META } from './api/schemas.js';
export { createRegistryApp, REGISTRY_VERSION, type RegistryAppOptions } from './app.js';
export type { AuthConfig, Caller } from './auth/bearer.js';
export { hashToken, NamespaceSchema, newToken } from './auth/tokens.js';
export { RegistryError } from './errors.js';
export { openStore } from './open-store.js';
export { builtinManifests, seedStore } from './seed.js';
export { openPostgresStore } from './store/postgres/store.js';
export { openSqliteStore } from './store/sqlite/store.js';
export type {
  ListQuery,
  Page,
  RegistryStore,
  ServerRecord,
  ServerStatus,
  ToolHit,
  VersionMeta,
} from './store/store.js';
export { VersionExistsError } from './store/store.js';
export { DEFAULT_TOOL_SEARCH, type ToolSearchKind, ToolSearchKindSchema } from './store/tool-search.js';
