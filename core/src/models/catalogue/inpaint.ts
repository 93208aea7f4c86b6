import type { SkillModelInput } from './entry.js';

/**
 * The models the `inpaint` skill runs (see entry.ts). Both have the ONNX signature Carve-Photos/lama's
 * export notebook writes (OpenCV Zoo's is made from Carve's): inputs `image` [batch, 3, 512, 512]
 * (RGB 0..1) and `mask` [batch, 1, 512, 512] (1 = fill), one output [batch, 3, 512, 512] in 0..255.
 */
export const INPAINT_MODELS: SkillModelInput[] = [
  {
    name: 'lama-fp32',
    skill: 'inpaint',
    title: 'LaMa (big-lama), fp32 ONNX export at 512×512',
    family: 'lama',
    repo: 'Carve/LaMa-ONNX',
    revision: 'main',
    licence: 'Apache-2.0',
    // Size and digest from the file's Git LFS pointer on the hub (commit a3ee2fc, unchanged since).
    files: [
      {
        file: 'lama_fp32.onnx',
        size: 208_044_816,
        sha256: '1faef5301d78db7dda502fe59966957ec4b79dd64e16f03ed96913c7a4eb68d6',
      },
    ],
    default: true,
  },
  {
    name: 'lama-opencv',
    skill: 'inpaint',
    title: 'LaMa (big-lama), OpenCV Zoo export of Carve’s ONNX with quantized weights, 512×512',
    family: 'lama',
    repo: 'opencv/opencv_zoo',
    revision: 'main',
    licence: 'Apache-2.0',
    // Size and digest from the file's Git LFS pointer in opencv/opencv_zoo (models/inpainting_lama).
    files: [
      {
        file: 'models/inpainting_lama/inpainting_lama_2025jan.onnx',
        size: 92_591_623,
        sha256: '7df918ac3921d3daf0aae1d219776cf0dc4e4935f035af81841b40adcf74fdf2',
      },
    ],
  },
];
