import { type PulledModel, resolveSkillModel, SKILL_MODELS } from '@mmskills/core';
import type { ModelStatus } from '@mmskills/skill-kit';
import type { GroundingModel } from './candidate.js';
import { loadGroundingDino } from './grounding-dino.js';
import { type Family, inspectModelFolder, type ModelFolder } from './model-folder.js';
import { loadOwl } from './owl.js';

/** Where the ground skill's model comes from: a catalogue name or a folder (`--model`), else the default. */
export interface GrounderOptions {
  model?: string;
  /** The model cache; `MMSKILLS_MODEL_DIR` or `~/.cache/mmskills/models` when absent. */
  cacheDir?: string;
}

/** The score a region needs by default, per family: OWL's sigmoid scores run lower than Grounding DINO's. */
export const DEFAULT_THRESHOLD: Record<Family, number> = { owlv2: 0.1, owlvit: 0.1, 'grounding-dino': 0.35 };

interface Loaded {
  folder: ModelFolder;
  model: GroundingModel;
}

/**
 * Finds the model on every call (so one pulled while the skill runs is picked up), loads it once
 * per folder, and says for `/health` which it is, or that it is missing and how to get it.
 */
export class Grounder {
  readonly #options: GrounderOptions;
  #loading: { dir: string; promise: Promise<Loaded> } | undefined;
  #loaded: Loaded | undefined;

  constructor(options: GrounderOptions = {}) {
    this.#options = options;
  }

  /** @throws MmskillsError `model_not_found` naming the exact `npx mmskills model pull` command. */
  locate(): PulledModel {
    return resolveSkillModel({
      skill: 'ground',
      flag: '--model',
      envVar: 'MMSKILLS_GROUND_MODEL',
      ...(this.#options.model !== undefined && { choice: this.#options.model }),
      ...(this.#options.cacheDir !== undefined && { cacheDir: this.#options.cacheDir }),
    });
  }

  /** The model, loaded on first use; a failed load is forgotten, so the next call tries again. */
  load(): Promise<Loaded> {
    const { dir } = this.locate();
    if (this.#loading?.dir !== dir) {
      const promise = inspectModelFolder(dir).then(async (folder) => {
        const model =
          folder.family === 'grounding-dino' ? await loadGroundingDino(folder) : await loadOwl(folder);
        const loaded = { folder, model };
        if (this.#loading?.promise === promise) this.#loaded = loaded;
        return loaded;
      });
      promise.catch(() => {
        if (this.#loading?.promise === promise) this.#loading = undefined;
      });
      this.#loading = { dir, promise };
    }
    return this.#loading.promise;
  }

  /** Lets the model go (the idle unload); the next call loads it again. */
  async unload(): Promise<void> {
    const loading = this.#loading?.promise;
    this.#loading = undefined;
    this.#loaded = undefined;
    const loaded = await loading?.catch(() => undefined);
    await loaded?.model.dispose();
  }

  status(): ModelStatus {
    let pulled: PulledModel;
    try {
      pulled = this.locate();
    } catch (error) {
      const fallback = SKILL_MODELS.find((entry) => entry.skill === 'ground' && entry.default);
      return {
        name: this.#options.model ?? fallback?.name ?? 'none',
        source: 'none',
        backend: 'transformers.js',
        loaded: false,
        missing: true,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    const loaded = this.#loaded?.folder.dir === pulled.dir ? this.#loaded.folder : undefined;
    return {
      name: pulled.model?.name ?? pulled.dir,
      ...(pulled.model && { title: pulled.model.title, family: pulled.model.family }),
      ...(loaded && { family: loaded.family, weights: loaded.onnxFile }),
      source: pulled.source,
      path: pulled.dir,
      backend: 'transformers.js',
      loaded: loaded !== undefined,
    };
  }
}
