import type { SkillModelInput } from './entry.js';

// What transformers.js's Florence2ForConditionalGeneration and Florence2Processor read from a
// local folder: the model config, the generation config (decoder start, forced <s>, no-repeat
// n-gram), the image processor with Florence-2's task prompts, the BART tokenizer, and the four
// ONNX graphs. File names from the repos' file listings on huggingface.co; sizes and hashes are
// left out until checked against a download.
const CONFIGS = [
  { file: 'config.json' },
  { file: 'generation_config.json' },
  { file: 'preprocessor_config.json' },
  { file: 'tokenizer.json' },
  { file: 'tokenizer_config.json' },
];
const graphs = (suffix: string) =>
  ['vision_encoder', 'embed_tokens', 'encoder_model', 'decoder_model_merged'].map((graph) => ({
    file: `onnx/${graph}${suffix}.onnx`,
  }));

/** The models the `caption` skill runs (see entry.ts). */
export const CAPTION_MODELS: SkillModelInput[] = [
  {
    name: 'florence-2-base-ft',
    skill: 'caption',
    title: 'Florence-2 base, fine-tuned (Microsoft), ONNX fp32',
    family: 'florence2',
    repo: 'onnx-community/Florence-2-base-ft',
    revision: 'main',
    licence: 'MIT',
    files: [...CONFIGS, ...graphs('')],
    default: true,
  },
  {
    name: 'florence-2-large-ft',
    skill: 'caption',
    title: 'Florence-2 large, fine-tuned (Microsoft), ONNX int8',
    family: 'florence2',
    repo: 'onnx-community/Florence-2-large-ft',
    revision: 'main',
    licence: 'MIT',
    files: [...CONFIGS, ...graphs('_quantized')],
  },
];
