export {
  type AnswerItem,
  type AnswerItemInput,
  AnswerItemSchema,
  type AnswerSpec,
  AnswerSpecSchema,
  describeExpected,
} from './answers/item.js';
export {
  type AnswerFormat,
  AnswerFormatSchema,
  parseAnswerItems,
  type ReadItemsOptions,
  type ReadItemsResult,
  readAnswerItems,
} from './answers/read-items.js';
export {
  type AnswerReport,
  type AnswerScores,
  formatAnswerTable,
  summariseAnswers,
} from './answers/report.js';
export { assertPicturesExist, type ItemResult, type RunAnswersOptions, runAnswers } from './answers/run.js';
export { type AnswerScore, scoreAnswer } from './answers/score.js';
export { type MakeSetOptions, type MakeSetResult, makeAnswerSet, SET_SIZES } from './answers/set/make-set.js';
export { builtinPool, installedSkills, parseSkillList } from './builtin-pool.js';
export { CHAINS, type Chain } from './chains.js';
export { Dialogue, ToolCallFailed } from './dialogue.js';
export { type EvaluateOptions, type EvaluationReport, evaluate } from './evaluate.js';
export { IMAGES_FOLDER, type WrittenDataset, writeDataset } from './export/dataset-files.js';
export {
  fromShareGpt,
  llamaFactoryEntry,
  type ShareGptSample,
  ShareGptSampleSchema,
  toShareGpt,
} from './export/sharegpt.js';
export { type GenerateOptions, type GenerateResult, generateSamples, type MadeImage } from './generate.js';
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
  allImagesOf,
  type DialogueTurn,
  DialogueTurnSchema,
  fromOpenAi,
  imagesOf,
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
export { type PictureSurvey, surveyPicture } from './survey/survey.js';
export { exchangeToSample, readTraces, type TracesResult } from './traces.js';
