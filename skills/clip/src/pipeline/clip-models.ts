import { availableParallelism } from 'node:os';
import {
  AutoProcessor,
  AutoTokenizer,
  CLIPModel,
  CLIPTextModelWithProjection,
  CLIPVisionModelWithProjection,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Processor,
  SiglipModel,
  SiglipTextModel,
  SiglipVisionModel,
  env as transformersEnv,
} from '@huggingface/transformers';
import { type ModelStatus, SKILL_MODELS } from '@mmskills/core';
import { findModelFolder, type ModelFolder } from './model-folder.js';

/** The pieces one call needs: the folder facts, tokenizer, image processor and the graph it runs. */
export interface Loaded {
  folder: ModelFolder;
  tokenizer: PreTrainedTokenizer;
  processor: Processor;
  model: PreTrainedModel;
}

type Part = 'joint' | 'text' | 'vision';

const CLASSES = {
  clip: { joint: CLIPModel, text: CLIPTextModelWithProjection, vision: CLIPVisionModelWithProjection },
  siglip: { joint: SiglipModel, text: SiglipTextModel, vision: SiglipVisionModel },
} as const;

/**
 * Loads the joint model (for classify_image) and the two towers (for search_images) once each, on
 * first use, from the folder `findModelFolder` picks. A missing model is looked for again on each
 * call, so `mmskills model pull` while the skill runs is enough.
 */
export class ClipModels {
  readonly #choice: string | undefined;
  readonly #env: NodeJS.ProcessEnv;
  readonly #parts = new Map<Part, Promise<Loaded>>();
  #shared: Promise<Omit<Loaded, 'model'>> | undefined;
  #folder: ModelFolder | undefined;
  /** Pictures embedded into folder indexes since start (not queries), for /health and the index tests. */
  imagesEmbedded = 0;

  constructor(choice: string | undefined, env: NodeJS.ProcessEnv) {
    this.#choice = choice?.trim() || undefined;
    this.#env = env;
  }

  /** The folder in use (found once, then fixed for the process). */
  folder(): ModelFolder {
    this.#folder ??= findModelFolder(this.#choice, this.#env);
    return this.#folder;
  }

  load(part: Part): Promise<Loaded> {
    let loading = this.#parts.get(part);
    if (!loading) {
      loading = this.#load(part).catch((error: unknown) => {
        this.#parts.delete(part);
        throw error;
      });
      this.#parts.set(part, loading);
    }
    return loading;
  }

  status(): ModelStatus {
    let folder: ModelFolder;
    try {
      folder = this.folder();
    } catch (error) {
      return {
        name: this.#choice ?? SKILL_MODELS.find((model) => model.skill === 'clip' && model.default)?.name,
        source: 'missing',
        loaded: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    return {
      name: folder.name,
      family: folder.family,
      source: folder.source,
      path: folder.dir,
      dtype: folder.dtype,
      backend: 'onnxruntime-node (transformers.js)',
      loaded: this.#parts.size > 0,
      index_embeddings: this.imagesEmbedded,
    };
  }

  async #load(part: Part): Promise<Loaded> {
    const folder = this.folder();
    // The skill never downloads: weights come from `mmskills model pull` or the user's folder.
    transformersEnv.allowRemoteModels = false;
    this.#shared ??= (async () => ({
      folder,
      tokenizer: await AutoTokenizer.from_pretrained(folder.dir, { local_files_only: true }),
      processor: await AutoProcessor.from_pretrained(folder.dir, { local_files_only: true }),
    }))().catch((error: unknown) => {
      this.#shared = undefined;
      throw error;
    });
    const shared = await this.#shared;
    const model = await CLASSES[folder.family][part].from_pretrained(folder.dir, {
      local_files_only: true,
      dtype: folder.dtype,
      device: 'cpu',
      // One call runs at a time (concurrency 1), so it may use every core.
      session_options: { intraOpNumThreads: availableParallelism(), interOpNumThreads: 1 },
    });
    return { ...shared, model };
  }
}
