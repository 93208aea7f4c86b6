import type { DecodedImage } from '@mmskills/image';
import type { Tf } from '@mmskills/models';
import type { AttributeModels } from './face-models.js';
import { type Region, sampleRegion, squareAround } from './sample-region.js';

/** The expression classes of the emotion model, in its output order (FER-2013 labels). */
export const EXPRESSIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type Expression = (typeof EXPRESSIONS)[number];

/** Estimates for one face; each is the models' guess, with its probability. */
export interface FaceAttributes {
  age: number;
  gender: { label: 'female' | 'male'; score: number };
  expression: { label: Expression; score: number };
}

type Tensor = ReturnType<Tf['tensor']>;

// GEAR's age classes are ≤20, 21–25, 26–30, 31–40, 41–50, 51–60, >60; the age is the expectation
// over these representative ages.
const AGE_CLASS_AGES = [17, 23, 28, 35.5, 45.5, 55.5, 67];
// Both models saw tight face crops; a wider margin pulls in hair and collar and flips GEAR's gender.
const FACE_CROP_SCALE = 1.2;
const GREY = [0.2989, 0.587, 0.114] as const;

/** GEAR looks at the upper 90% and the middle 80% of the face square: forehead to chin, no ears. */
function gearWindow(face: Region): Region {
  return {
    left: face.left + 0.1 * face.width,
    top: face.top,
    width: 0.8 * face.width,
    height: 0.9 * face.height,
  };
}

async function readAll(tensors: Tensor[]): Promise<Float32Array[]> {
  try {
    return await Promise.all(tensors.map(async (t) => (await t.data()) as Float32Array));
  } finally {
    for (const t of tensors) t.dispose();
  }
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) > (values[best] ?? 0)) best = i;
  return best;
}

/** Age, gender (GEAR) and expression (emotion model) of the face in `box` (pixel corners). */
export async function estimateAttributes(
  models: AttributeModels,
  image: DecodedImage,
  box: readonly [number, number, number, number],
): Promise<FaceAttributes> {
  const { tf, gear, emotion } = models;
  const face = squareAround(box, FACE_CROP_SCALE);
  const gearSize = gear.inputs[0]?.shape?.[1] ?? 198;
  const emotionSize = emotion.inputs[0]?.shape?.[1] ?? 64;
  const gearPixels = sampleRegion(image, gearWindow(face), gearSize, gearSize);
  const facePixels = sampleRegion(image, face, emotionSize, emotionSize);
  const grey = new Float32Array(emotionSize * emotionSize);
  for (let i = 0; i < grey.length; i++) {
    const luma =
      GREY[0] * (facePixels[3 * i] ?? 0) +
      GREY[1] * (facePixels[3 * i + 1] ?? 0) +
      GREY[2] * (facePixels[3 * i + 2] ?? 0);
    grey[i] = (luma / 255) * 2 - 1;
  }
  const outputs = tf.tidy(() => {
    const gearInput = tf.div(tf.tensor(gearPixels, [1, gearSize, gearSize, 3]), 255);
    const [genders, ages] = gear.execute(gearInput, ['gender_output', 'age_output']) as Tensor[];
    const expressions = emotion.execute(tf.tensor(grey, [1, emotionSize, emotionSize, 1])) as Tensor;
    return [genders, ages, expressions].filter((t): t is Tensor => t !== undefined);
  });
  const [genders = new Float32Array(2), ages = new Float32Array(), expressions = new Float32Array()] =
    await readAll(outputs);
  // GEAR's gender output is [male, female].
  const female = genders[1] ?? 0;
  const age = AGE_CLASS_AGES.reduce((sum, classAge, i) => sum + classAge * (ages[i] ?? 0), 0);
  const expression = argmax(expressions);
  return {
    age,
    gender: female >= 0.5 ? { label: 'female', score: female } : { label: 'male', score: 1 - female },
    expression: { label: EXPRESSIONS[expression] ?? 'neutral', score: expressions[expression] ?? 0 },
  };
}
