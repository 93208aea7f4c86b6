export { builtinPool, installedSkills, parseSkillList } from './builtin-pool.js';
export { CHAINS, type Chain } from './chains.js';
export { Dialogue, ToolCallFailed } from './dialogue.js';
export { type EvaluateOptions, type EvaluationReport, evaluate } from './evaluate.js';
export { type GenerateOptions, type GenerateResult, generateSamples } from './generate.js';
export { type ImageFile, imageMimeType, listImages } from './image-files.js';
export {
  canonicalJson,
  compareActions,
  formatTable,
  type SampleScore,
  type Scores,
  summarise,
} from './metrics.js';
export { NO_TOOL_REQUESTS, type NoToolRequest } from './no-tool.js';
export { type Random, seededRandom } from './prng.js';
export {
  type DialogueTurn,
  DialogueTurnSchema,
  fromOpenAi,
  type OpenAiSample,
  OpenAiSampleSchema,
  parseSamples,
  questionOf,
  type Sample,
  type SampleFormat,
  SampleFormatSchema,
  SampleSchema,
  toJsonl,
  toOpenAi,
} from './sample.js';
export { exchangeToSample, readTraces, type TracesResult } from './traces.js';
