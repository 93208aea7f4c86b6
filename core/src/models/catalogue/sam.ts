import type { SkillModelInput } from './entry.js';

// File names as the Xenova / onnx-community exports lay them out (transformers.js reads
// onnx/<session><dtype suffix>.onnx); the sam skill takes whichever precision is present.
const processorFiles = [{ file: 'config.json' }, { file: 'preprocessor_config.json' }];

/** The models the `sam` skill runs (see entry.ts). */
export const SAM_MODELS: SkillModelInput[] = [
  {
    name: 'slimsam-77-uniform',
    skill: 'sam',
    title: 'SlimSAM-77 (SAM ViT-B pruned to 77%, uniform), fp32 ONNX',
    family: 'slimsam',
    repo: 'Xenova/slimsam-77-uniform',
    revision: 'main',
    licence: 'Apache-2.0',
    files: [
      ...processorFiles,
      { file: 'onnx/vision_encoder.onnx' },
      { file: 'onnx/prompt_encoder_mask_decoder.onnx' },
    ],
    default: true,
  },
  {
    name: 'sam-vit-base',
    skill: 'sam',
    title: 'Segment Anything ViT-B, 8-bit quantised ONNX',
    family: 'sam',
    repo: 'Xenova/sam-vit-base',
    revision: 'main',
    licence: 'Apache-2.0',
    files: [
      ...processorFiles,
      { file: 'onnx/vision_encoder_quantized.onnx' },
      { file: 'onnx/prompt_encoder_mask_decoder_quantized.onnx' },
    ],
  },
  {
    name: 'sam2.1-hiera-tiny',
    skill: 'sam',
    title: 'SAM 2.1 Hiera-Tiny, fp32 ONNX (weights in .onnx_data files)',
    family: 'sam2',
    repo: 'onnx-community/sam2.1-hiera-tiny-ONNX',
    revision: 'main',
    licence: 'Apache-2.0',
    files: [
      ...processorFiles,
      { file: 'onnx/vision_encoder.onnx' },
      { file: 'onnx/vision_encoder.onnx_data' },
      { file: 'onnx/prompt_encoder_mask_decoder.onnx' },
      { file: 'onnx/prompt_encoder_mask_decoder.onnx_data' },
    ],
  },
];
