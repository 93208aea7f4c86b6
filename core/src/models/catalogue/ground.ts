import type { SkillModelInput } from './entry.js';

// What transformers.js reads from each repo to run it: the config (its model_type picks the
// family), the image processor's and tokenizer's settings, and the 8-bit ONNX export (about a
// quarter of the fp32 file, the one the file listings on the hub show beside model.onnx).
// Sizes and checksums are left out until checked against the hub.
const TRANSFORMERS_JS_FILES = [
  { file: 'config.json' },
  { file: 'preprocessor_config.json' },
  { file: 'tokenizer.json' },
  { file: 'tokenizer_config.json' },
  { file: 'onnx/model_quantized.onnx' },
];

/** The models the `ground` skill runs (see entry.ts). */
export const GROUND_MODELS: SkillModelInput[] = [
  {
    name: 'owlv2-base-patch16-ensemble',
    skill: 'ground',
    title: 'OWLv2 base patch16 ensemble, ONNX 8-bit',
    family: 'owlv2',
    repo: 'Xenova/owlv2-base-patch16-ensemble',
    revision: 'main',
    licence: 'Apache-2.0',
    files: TRANSFORMERS_JS_FILES,
    default: true,
  },
  {
    name: 'owlvit-base-patch32',
    skill: 'ground',
    title: 'OWL-ViT base patch32, ONNX 8-bit',
    family: 'owlvit',
    repo: 'Xenova/owlvit-base-patch32',
    revision: 'main',
    licence: 'Apache-2.0',
    files: TRANSFORMERS_JS_FILES,
  },
  {
    name: 'grounding-dino-tiny',
    skill: 'ground',
    title: 'Grounding DINO tiny, ONNX 8-bit',
    family: 'grounding-dino',
    repo: 'onnx-community/grounding-dino-tiny-ONNX',
    revision: 'main',
    licence: 'Apache-2.0',
    files: TRANSFORMERS_JS_FILES,
  },
];
