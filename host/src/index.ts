export { Conversation, type ConversationBounds } from './agent/conversation.js';
export type { AgentEvent } from './agent/events.js';
export { type ActionResult, executeActions } from './agent/execute.js';
export { ImageStore, type StoredImage } from './agent/image-store.js';
export { type AgentOptions, runAgent, type UserMessage } from './agent/loop.js';
export { describeParameters, systemPrompt, userText } from './agent/prompt.js';
export {
  createRecorder,
  type FinishedExchange,
  type RecordedExchange,
  RecordedExchangeSchema,
} from './agent/record.js';
export { registrySearch } from './agent/registry-search.js';
export { selectTools, type ToolSelectionOptions } from './agent/select-tools.js';
export { HOST_USAGE, loadHostConfig } from './config/load.js';
export { type HostConfig, type HostConfigInput, HostConfigSchema } from './config/schema.js';
export { conversationFile, openConversationStore } from './conversations/open.js';
export { openPostgresConversations } from './conversations/postgres.js';
export {
  type ConversationSettings,
  ConversationSettingsSchema,
  type Retention,
  RetentionSchema,
} from './conversations/settings.js';
export { openSqliteConversations } from './conversations/sqlite.js';
export {
  ConversationBusyError,
  ConversationLostError,
  type ConversationRecord,
  type ConversationStore,
  type TurnChange,
} from './conversations/store.js';
export { beginTurn, type ConversationTurn } from './conversations/turn.js';
export { createHost, type Host, NO_MODEL_HELP } from './host.js';
export { createHostApp, type HostAppOptions } from './http/app.js';
export type {
  BackendInfo,
  ChatMessage,
  ChatRequest,
  ChatResult,
  ContentPart,
  LmmBackend,
} from './lmm/backend.js';
export { createBackend } from './lmm/create.js';
export { createOpenAiBackend, type OpenAiOptions } from './lmm/openai.js';
export { createScriptedBackend, loadScript, type Script, ScriptSchema } from './lmm/scripted.js';
export { type LmmSpec, LmmSpecSchema, parseLmmSpec } from './lmm/spec.js';
export { builtinSkillServers } from './pool/builtin.js';
export { type PoolTool, type SkillHealth, SkillPool } from './pool/pool.js';
export { type SkillServer, type SkillServers, SkillServersSchema } from './pool/server-config.js';
export { agentNames, qualifiedName } from './pool/tool-names.js';
