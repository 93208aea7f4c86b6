export { isMmskillsError, MmskillsError, MmskillsErrorCode } from './errors.js';
export { allowedHostsFor, hostOriginGuard, isLoopbackName } from './http/host-origin-guard.js';
export {
  checkPortFree,
  exitOnListenFailure,
  type ListenTarget,
  listenFailureMessage,
} from './http/listen-failure.js';
export { readNodeBody, readWebBody } from './http/request-body.js';
export type { AnyBox, Box, NmsOptions } from './image/box.js';
export { BoxSchema, clampBox, denormaliseBox, iou, nms, normaliseBox } from './image/box.js';
export {
  COLOUR_NAMES,
  type Colour,
  PALETTE,
  paletteColour,
  parseColour,
  type Rgb,
  textColourOn,
  toHex,
  toRgb,
} from './image/colour.js';
export type { ImageLimits } from './image/limits.js';
export { DEFAULT_IMAGE_LIMITS, ImageLimitsSchema, imageTooLargeError } from './image/limits.js';
export { type PixelRect, rectCorners, rectToBox, toPixelRect } from './image/pixel-rect.js';
export {
  COCO_KEYPOINTS,
  COCO_SKELETON,
  type CocoKeypoint,
  type Skeleton,
  type SkeletonEdge,
  skeletonEdges,
} from './image/skeleton.js';
export type { HeldImages, ImageSourcePolicy } from './image/source.js';
export { ImageSourcePolicySchema, imageSourcePolicyFromEnv, readImageSource } from './image/source.js';
export { createLogger, LOG_LEVELS, type Logger, type LogLevel, withFields } from './logging/logger.js';
export { fillAnswerTemplate, parseAnswerTemplate } from './manifest/answer-template.js';
export { ExactVersionSchema, exactVersionProblem } from './manifest/exact-version.js';
export { type ManifestIssue, toPointer } from './manifest/json-schema-check.js';
export { MAX_ICON_SRC_LENGTH, type McpIcon, McpIconSchema, McpIconsSchema } from './manifest/mcp-icon.js';
export {
  type Package,
  PackageSchema,
  type Remote,
  RemoteSchema,
  SERVER_JSON_SCHEMA_URL,
  SERVER_NAME_PATTERN,
  type ServerJson,
  ServerJsonSchema,
  type Transport,
  TransportSchema,
} from './manifest/server-json.js';
export {
  TOOL_EXAMPLES_META_KEY,
  type ToolExample,
  ToolExampleSchema,
  ToolExamplesSchema,
  toolExamplesOf,
} from './manifest/tool-examples.js';
export {
  type SkillManifest,
  SkillManifestSchema,
  TOOL_NAME_PATTERN,
  type ToolDescriptor,
  ToolDescriptorSchema,
  type ToolList,
  ToolListLimits,
  ToolListSchema,
} from './manifest/tool-list.js';
export {
  assertSkillManifest,
  formatManifestIssues,
  type ValidationResult,
  validateServerJson,
  validateSkillManifest,
  validateToolList,
} from './manifest/validate.js';
export { modelCacheDir } from './models/cache-dir.js';
export {
  type ModelFile,
  ModelFileSchema,
  type SkillModel,
  type SkillModelInput,
  SkillModelSchema,
} from './models/catalogue/entry.js';
export { SKILL_MODELS } from './models/catalogue/index.js';
export { type PulledModel, resolveSkillModel, type SkillModelChoice } from './models/pulled-model.js';
export { type ModelFileRequest, type ResolvedModelFile, resolveModelFile } from './models/resolve.js';
export { buildObservation, type ObservationResult } from './protocol/observation.js';
export { parseTurn } from './protocol/parse.js';
export { renderTurn, type TurnFormat } from './protocol/render.js';
export {
  type Action,
  ActionSchema,
  ApiNamePattern,
  type Turn,
  TurnMarker,
  TurnSchema,
} from './protocol/turn.js';
export { type TurnSchemaTool, turnJsonSchema } from './protocol/turn-json-schema.js';
export { TurnParseError } from './protocol/turn-parse-error.js';
export { BUILTIN_SKILLS, type BuiltinSkill } from './skill/builtin.js';
export { Semaphore } from './skill/concurrency.js';
export { packageEntryArgs, tsxLoader } from './skill/package-entry.js';
export { jsonRpcIdIn, type LineHandlers, lineReader } from './skill/stdio-lines.js';
export { childTraceparent, traceIdOf, validTraceparent } from './skill/trace-context.js';
