import type { SkillModelInput } from './entry.js';

// What transformers.js reads from a local folder to run both towers and the joint model: the
// config, the image processor, the tokenizer (tokenizer.json + tokenizer_config.json) and the int8
// ONNX graphs (dtype q8 → `<name>_quantized.onnx`). File names from the repos' file listings on
// huggingface.co; sizes and hashes are left out until checked against a download.
const FILES = [
  { file: 'config.json' },
  { file: 'preprocessor_config.json' },
  { file: 'tokenizer.json' },
  { file: 'tokenizer_config.json' },
  { file: 'onnx/model_quantized.onnx' },
  { file: 'onnx/text_model_quantized.onnx' },
  { file: 'onnx/vision_model_quantized.onnx' },
];

/** The models the `clip` skill runs (see entry.ts). */
export const CLIP_MODELS: SkillModelInput[] = [
  {
    name: 'clip-vit-base-patch32',
    skill: 'clip',
    title: 'CLIP ViT-B/32 (OpenAI), ONNX int8',
    family: 'clip',
    repo: 'Xenova/clip-vit-base-patch32',
    revision: 'main',
    licence: 'MIT (OpenAI CLIP)',
    files: FILES,
    default: true,
  },
  {
    name: 'siglip-base-patch16-224',
    skill: 'clip',
    title: 'SigLIP base patch16 224 (Google), ONNX int8',
    family: 'siglip',
    repo: 'Xenova/siglip-base-patch16-224',
    revision: 'main',
    licence: 'Apache-2.0',
    files: FILES,
  },
];
