import type { Dialogue } from './dialogue.js';
import { plural } from './dialogue.js';
import { type Fact, facesFound, personFound, textIn } from './survey/facts.js';
import type { Box, PictureSurvey } from './survey/survey.js';

/** A multi-step recipe: each step's arguments come from the previous step's real output. */
export interface Chain {
  id: string;
  /** Tool names every step needs; the chain is offered only when all are present. */
  tools: readonly string[];
  requests: readonly string[];
  /** Whether the picture suits the request, by the survey (undefined: it cannot tell). */
  fits(survey: PictureSurvey, request: string): Fact;
  run(dialogue: Dialogue, request: string): Promise<void>;
}

const newImage = (output: Record<string, unknown>) =>
  (output.new_images as string[] | undefined)?.[0] ?? 'image_2';

const blurFaces: Chain = {
  id: 'blur-faces',
  tools: ['detect_faces', 'blur_regions'],
  requests: [
    'Blur the faces in this photo.',
    "Hide everyone's face in this picture.",
    'Anonymise the people in this image by blurring their faces.',
  ],
  fits: facesFound,
  async run(d) {
    const [found] = await d.act(
      'To blur the faces I first need their boxes; detect_faces finds them.',
      [{ API_name: d.nameOf('detect_faces'), API_params: { image: 'image_1', landmarks: false } }],
      'Looking for faces.',
    );
    const boxes = ((found?.faces ?? []) as Array<{ box: Box }>).map((face) => face.box);
    if (boxes.length === 0) {
      d.answer(
        'detect_faces found no face, so there is nothing to blur.',
        'I found no faces in this picture, so there is nothing to blur.',
      );
      return;
    }
    const [blurred] = await d.act(
      `detect_faces found ${plural(boxes.length, 'face')}; blur_regions blurs their boxes.`,
      [{ API_name: d.nameOf('blur_regions'), API_params: { image: 'image_1', boxes } }],
      'Blurring the faces.',
    );
    d.answer(
      'blur_regions returned the blurred picture.',
      `I blurred ${plural(boxes.length, 'face')}; the result is ${newImage(blurred ?? {})}.`,
    );
  },
};

const REGIONS: Record<string, Box> = {
  'top half': [0, 0, 1, 0.5],
  'bottom half': [0, 0.5, 1, 1],
  'left half': [0, 0, 0.5, 1],
  'right half': [0.5, 0, 1, 1],
};

const regionOf = (request: string) => Object.keys(REGIONS).find((name) => request.includes(name)) as string;

const cropRead: Chain = {
  id: 'crop-read',
  tools: ['crop', 'read_text'],
  requests: Object.keys(REGIONS).map((region) => `Read the text in the ${region} of the image.`),
  fits: (survey, request) => textIn(survey, REGIONS[regionOf(request)] as Box),
  async run(d, request) {
    const region = regionOf(request);
    const [cropped] = await d.act(
      `I crop the ${region} first, then read the text in the crop.`,
      [{ API_name: d.nameOf('crop'), API_params: { image: 'image_1', box: REGIONS[region] } }],
      `Cropping the ${region}.`,
    );
    const handle = newImage(cropped ?? {});
    const [read] = await d.act(
      `The crop is ${handle}; read_text reads it.`,
      [{ API_name: d.nameOf('read_text'), API_params: { image: handle } }],
      'Reading the text.',
    );
    const text = String(read?.text ?? '');
    d.answer(
      'read_text returned the text of the crop.',
      text ? `The ${region} reads:\n${text}` : `I found no text in the ${region}.`,
    );
  },
};

const detectCropRead: Chain = {
  id: 'detect-crop-read',
  tools: ['detect_objects', 'crop', 'read_text'],
  requests: [
    'Find the most prominent object and read any text on it.',
    'What is written on the main object in this photo?',
  ],
  // The chain crops the most confident object: there must be text on it.
  fits(survey) {
    if (survey.objects === undefined) return undefined;
    const top = survey.objects[0];
    return top ? textIn(survey, top.box) : false;
  },
  async run(d) {
    const [detected] = await d.act(
      'First I find the objects with detect_objects.',
      [{ API_name: d.nameOf('detect_objects'), API_params: { image: 'image_1', max_results: 5 } }],
      'Looking for objects.',
    );
    const top = ((detected?.objects ?? []) as Array<{ label: string; box: Box }>)[0];
    if (!top) {
      d.answer(
        'detect_objects found nothing.',
        'I found no object in this picture, so there is no text on one to read.',
      );
      return;
    }
    const [cropped] = await d.act(
      `The most confident object is a ${top.label}; I crop it to read it.`,
      [{ API_name: d.nameOf('crop'), API_params: { image: 'image_1', box: top.box } }],
      `Cropping the ${top.label}.`,
    );
    const handle = newImage(cropped ?? {});
    const [read] = await d.act(
      `The crop of the ${top.label} is ${handle}; read_text reads it.`,
      [{ API_name: d.nameOf('read_text'), API_params: { image: handle } }],
      'Reading the text.',
    );
    const text = String(read?.text ?? '');
    d.answer(
      `read_text read the crop of the ${top.label}.`,
      text ? `The ${top.label} reads:\n${text}` : `I found a ${top.label} but no readable text on it.`,
    );
  },
};

const poseSkeleton: Chain = {
  id: 'pose-skeleton',
  tools: ['detect_pose', 'annotate'],
  requests: [
    'Draw the skeleton of the person in this photo.',
    'Show me the body pose of the most visible person.',
  ],
  fits: personFound,
  async run(d) {
    const [posed] = await d.act(
      'I need the keypoints first; detect_pose finds them.',
      [{ API_name: d.nameOf('detect_pose'), API_params: { image: 'image_1' } }],
      'Finding the pose.',
    );
    const person = ((posed?.people ?? []) as Array<{ keypoints: unknown[] }>)[0];
    if (!person) {
      d.answer(
        'detect_pose found nobody.',
        'I found no person in this picture, so there is no skeleton to draw.',
      );
      return;
    }
    const [drawn] = await d.act(
      'detect_pose gave the first person 17 keypoints; annotate draws them with the COCO skeleton.',
      [
        {
          API_name: d.nameOf('annotate'),
          API_params: { image: 'image_1', keypoints: person.keypoints, skeleton: 'coco', min_score: 0.3 },
        },
      ],
      'Drawing the skeleton.',
    );
    d.answer(
      'annotate drew the skeleton.',
      `I drew the skeleton: ${plural(Number(drawn?.keypoints ?? 0), 'keypoint')} and ${plural(Number(drawn?.lines ?? 0), 'line')}, in ${newImage(drawn ?? {})}.`,
    );
  },
};

/** The built-in multi-step recipes (LLaVA-Plus's tool chains). */
export const CHAINS: readonly Chain[] = [blurFaces, cropRead, detectCropRead, poseSkeleton];
