import type { CatalogueInput } from './catalogue.js';

/**
 * GGUF vision models people run with llama.cpp, from the ggml-org builds that
 * `llama-server -hf` uses. Sizes and sha256 are Hugging Face's LFS values for the files on `main`;
 * if upstream replaces a file, `pull` refuses it with a size or checksum error instead of
 * installing something unverified.
 */
export const BUILTIN_CATALOGUE = [
  {
    name: 'qwen2.5-vl-3b',
    title: 'Qwen2.5-VL 3B Instruct (Q4_K_M)',
    repo: 'ggml-org/Qwen2.5-VL-3B-Instruct-GGUF',
    licence: 'qwen-research',
    model: {
      file: 'Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf',
      size: 1_929_901_056,
      sha256: 'd02fe9b69ad8cadbbd228e387667af66612c44bed29ffc8eb1e7caf9ac486c12',
    },
    mmproj: {
      file: 'mmproj-Qwen2.5-VL-3B-Instruct-Q8_0.gguf',
      size: 844_757_728,
      sha256: '980c9b2f78c04e6cff93d277ada09e768394f112d75db3b4e9dea8a69f9fb904',
    },
  },
  {
    name: 'qwen2.5-vl-7b',
    title: 'Qwen2.5-VL 7B Instruct (Q4_K_M)',
    repo: 'ggml-org/Qwen2.5-VL-7B-Instruct-GGUF',
    licence: 'apache-2.0',
    model: {
      file: 'Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf',
      size: 4_683_072_032,
      sha256: '9258bf05b12686d097ff3b6b18d968ab393649780aa2b3cd67fec43d50554392',
    },
    mmproj: {
      file: 'mmproj-Qwen2.5-VL-7B-Instruct-Q8_0.gguf',
      size: 853_119_712,
      sha256: '2ddb555391bae966e412deab9e07b58afa18bcc06930ba0f1c78a3695ab9e506',
    },
  },
  {
    name: 'smolvlm2-2.2b',
    title: 'SmolVLM2 2.2B Instruct (Q4_K_M)',
    repo: 'ggml-org/SmolVLM2-2.2B-Instruct-GGUF',
    licence: 'apache-2.0',
    model: {
      file: 'SmolVLM2-2.2B-Instruct-Q4_K_M.gguf',
      size: 1_112_602_656,
      sha256: '0cf76814555b8665149075b74ab6b5c1d428ea1d3d01c1918c12012e8d7c9f58',
    },
    mmproj: {
      file: 'mmproj-SmolVLM2-2.2B-Instruct-Q8_0.gguf',
      size: 592_523_200,
      sha256: 'ae07ea1facd07dd3230c4483b63e8cda96c6944ad2481f33d531f79e892dd024',
    },
  },
  {
    name: 'gemma-3-4b',
    title: 'Gemma 3 4B it (Q4_K_M)',
    repo: 'ggml-org/gemma-3-4b-it-GGUF',
    licence: 'gemma',
    model: {
      file: 'gemma-3-4b-it-Q4_K_M.gguf',
      size: 2_489_757_856,
      sha256: '882e8d2db44dc554fb0ea5077cb7e4bc49e7342a1f0da57901c0802ea21a0863',
    },
    // ggml-org names this projector generically, unlike its Qwen and SmolVLM repos.
    mmproj: {
      file: 'mmproj-model-f16.gguf',
      size: 851_251_104,
      sha256: '8c0fb064b019a6972856aaae2c7e4792858af3ca4561be2dbf649123ba6c40cb',
    },
  },
] satisfies CatalogueInput;
