export {
  type AnswersFirst,
  type McpSessionOptions,
  mcpSessions,
  type ReadBody,
  type SessionServer,
} from './http/mcp-sessions.js';
export { errorResult } from './skill/call-tool.js';
export { createSkillServer, type SkillRuntime } from './skill/create-server.js';
export { defineSkill, type ModelStatus, registryNameOf, type SkillDefinition } from './skill/define-skill.js';
export {
  type AnyToolDefinition,
  defineTool,
  type ToolAnnotations,
  type ToolContext,
  type ToolDefinition,
  type ToolImage,
  type ToolOutput,
} from './skill/define-tool.js';
export { ImageStore, pictureSkill, type StoredImage } from './skill/image-store.js';
export { skillManifest, writeManifest } from './skill/manifest.js';
export { ModelSlot } from './skill/model-slot.js';
export { maxRequestBytes } from './skill/request-size.js';
export {
  type FittedImage,
  fitImage,
  type ImageBudget,
  ImageBudgetSchema,
  imageBudgetFromEnv,
} from './skill/result-images.js';
export { type RunSkillOptions, runSkill, type SkillFlag, type SkillFlagValues } from './skill/run-skill.js';
export { createSkillRuntime } from './skill/runtime.js';
export { svgIcon } from './skill/svg-icon.js';
export { type ToolDescriptorJson, toolDescriptor } from './skill/tool-descriptor.js';
