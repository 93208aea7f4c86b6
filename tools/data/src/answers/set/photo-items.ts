import type { AnswerItemInput } from '../item.js';

/**
 * Questions about the committed test photos (test/photos, see its README) whose answers are
 * certain from looking: one face in the astronaut portrait, her orange suit, Chelsea the cat,
 * the cup of coffee, the motorcycle and the YAMAHA on its tank, the page's heading.
 * `image` is the photo's file name; the set puts it under `photos/`.
 */
type PhotoItem = AnswerItemInput & { image: string };

const QUESTIONS: PhotoItem[] = [
  {
    id: 'photo-astronaut-faces',
    image: 'astronaut.png',
    question: 'How many faces are in this photo?',
    answer: { kind: 'number', value: 1 },
    expectedTools: ['detect_faces'],
  },
  {
    id: 'photo-astronaut-suit',
    image: 'astronaut.png',
    question: "What colour is the astronaut's suit?",
    answer: { kind: 'text', value: 'orange' },
    expectedTools: ['describe_image', 'classify_image'],
  },
  {
    id: 'photo-chelsea-animal',
    image: 'chelsea.png',
    question: 'What animal is in this photo?',
    answer: { kind: 'text', value: 'cat', alternatives: ['kitten'] },
    expectedTools: ['detect_objects', 'classify_image', 'describe_image', 'tag_image'],
  },
  {
    id: 'photo-chelsea-choice',
    image: 'chelsea.png',
    question: "What animal is this? (A) dog (B) cat (C) rabbit (D) fox\nAnswer with the option's letter.",
    answer: { kind: 'choice', options: ['dog', 'cat', 'rabbit', 'fox'], correct: 'B' },
  },
  {
    id: 'photo-coffee-drink',
    image: 'coffee.png',
    question: 'What drink is in the cup?',
    answer: { kind: 'text', value: 'coffee', alternatives: ['espresso'] },
    expectedTools: ['describe_image', 'classify_image', 'tag_image'],
  },
  {
    id: 'photo-motorcycle-vehicle',
    image: 'motorcycle_left.png',
    question: 'What kind of vehicle is in this photo?',
    answer: { kind: 'text', value: 'motorcycle', alternatives: ['motorbike'] },
    expectedTools: ['detect_objects', 'classify_image', 'describe_image', 'tag_image'],
  },
  {
    id: 'photo-motorcycle-brand',
    image: 'motorcycle_left.png',
    question: "What brand name is written on the motorcycle's fuel tank?",
    answer: { kind: 'text', value: 'Yamaha' },
    expectedTools: ['zoom_in', 'crop', 'read_text'],
  },
  {
    id: 'photo-page-heading',
    image: 'page.png',
    question: 'What is the heading at the top of this page?',
    answer: { kind: 'text', value: 'Region-based segmentation' },
    expectedTools: ['read_text'],
  },
];

export const PHOTO_ITEMS: readonly PhotoItem[] = QUESTIONS.map((item) => ({ ...item, category: 'photo' }));
