import { readFileSync } from 'node:fs';
import { turnJsonSchema } from '@mmskills/core';
import { systemPrompt, userText } from '../../host/src/agent/prompt.js';
import type { ChatMessage, ChatRequest, ContentPart } from '../../host/src/lmm/backend.js';
import type { StageResult, StageSpec } from './stage.js';
import { toolSet } from './tool-sets.js';

/** One timed call of a stage, with what its time estimate needs. */
export interface Step {
  name: string;
  promptTokens: number;
  maxTokens: number;
  request: ChatRequest & { ignoreEos?: boolean };
  /** Straight to llama.node's completion() (only to decode with the end token banned). */
  direct?: boolean;
  /** A step whose cache this one relies on: skipped when that one did not run. */
  needs?: string;
  /** Runs only when this holds for the steps so far. */
  when?: (steps: StageResult['steps']) => boolean;
}

const SHORT_SYSTEM = 'You are a helpful assistant.';
const WARMUP_TEXT =
  'Warm-up: compile every shader. Describe the picture in detail: colours, shapes, their positions, ' +
  'and anything written. Then list three questions someone might ask about it, and answer each briefly.';
const QUESTIONS = [
  'How many people are in the photo, and what are they holding?',
  'Read the text on the sign in the picture.',
  'Is there a cat on the sofa?',
];
const SMALL_QUESTIONS = ['Which city is the photo from?', 'What colour is the tram?'];
// About 200 tokens with the test vocabulary: the CPU's prompt cell.
const PARAGRAPH =
  'A holiday photo: a tram crosses a square in the late afternoon, people wait at the stop, a ' +
  'street sign names the square, a cafe has chairs outside, and a dog sleeps under a table. The ' +
  'sky is clear; the shadows are long; a clock on a tower shows ten past five.';
const STORY = 'Tell a long story about a camera, a cat and a cup.';
const IMAGE_QUESTIONS = ['What is in this picture?', 'Where is the red square?'];
// The test vocabulary spends about one token per 1.16 characters; used only to estimate step times.
const CHARS_PER_TOKEN = 1.16;

/** In order of importance: steps late in the list are the first to be skipped when time runs short. */
export function stageSteps(spec: StageSpec): Step[] {
  const image = spec.png ? readFileSync(spec.png) : undefined;
  const imageParts = (question: string): ContentPart[] =>
    image
      ? [
          { type: 'text', text: userText(question, ['image_1']) },
          { type: 'image', data: image, mimeType: 'image/png' },
        ]
      : [{ type: 'text', text: userText(question, []) }];
  const chat = (system: string, user: ChatMessage['content']): ChatMessage[] => [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
  const tokens = (text: string) => Math.round(text.length / CHARS_PER_TOKEN);
  const imageTokens = (spec.imageTokens ?? 0) * (spec.gpu === 'cpu' ? 8 : 1);
  const tools = toolSet(spec.toolCount);
  const system = systemPrompt(tools, 'json');
  const jsonSchema = turnJsonSchema(
    tools.map((entry) => ({ name: entry.name, inputSchema: entry.tool.inputSchema })),
  );
  const turn = (user: ChatMessage['content'], maxTokens: number): ChatRequest => ({
    messages: chat(system, user),
    jsonSchema,
    maxTokens,
  });
  const full = tokens(system);
  const n = spec.toolCount;
  const list: Step[] = [
    {
      // On a GPU the picture makes Vulkan compile the vision shaders too; the CPU has none to
      // compile, and there one CLIP-L image took 212 s of the budget (H200 machine, 16 cores).
      name: 'warmup',
      promptTokens: tokens(WARMUP_TEXT) + (spec.gpu === 'cpu' ? 0 : imageTokens),
      maxTokens: 8,
      request: {
        messages: chat(SHORT_SYSTEM, spec.gpu === 'cpu' ? WARMUP_TEXT : imageParts(WARMUP_TEXT)),
        maxTokens: 8,
      },
    },
  ];
  if (spec.decodeTokens > 0) {
    list.push({
      name: 'decode',
      promptTokens: 30,
      maxTokens: spec.decodeTokens,
      request: {
        messages: chat(SHORT_SYSTEM, STORY),
        maxTokens: spec.decodeTokens,
      },
    });
    // Random weights may pick the end token early; then decode again with it banned.
    list.push({
      name: 'decode_direct',
      promptTokens: 30,
      maxTokens: spec.decodeTokens,
      request: { messages: chat(SHORT_SYSTEM, STORY), maxTokens: spec.decodeTokens, ignoreEos: true },
      direct: true,
      when: (done) => {
        const decode = done.decode;
        return !(decode && 'completionTokens' in decode && decode.completionTokens >= spec.decodeTokens / 2);
      },
    });
  }
  const [q1, q2, q3] = QUESTIONS as [string, string, string];
  const [s1, s2] = SMALL_QUESTIONS as [string, string];
  // A small prompt (no tool list): the one prompt a CPU evaluates within the budget, timed on every
  // device for the ratio; the second question reuses the cached paragraph.
  const small = (question: string): ChatRequest => ({
    messages: chat(SHORT_SYSTEM, `${PARAGRAPH}\n\n${question}`),
    maxTokens: 8,
  });
  const smallTokens = tokens(SHORT_SYSTEM + PARAGRAPH) + 20;
  list.push(
    { name: 'small_cold', promptTokens: smallTokens, maxTokens: 8, request: small(s1) },
    { name: 'small_warm', promptTokens: 20, maxTokens: 8, request: small(s2), needs: 'small_cold' },
  );
  if (spec.smallOnly) return list;
  // The backend keeps the KV cache of the previous prompt: a second, different question after the
  // same system prompt evaluates only what follows the shared prefix (its cachedTokens say how much).
  list.push(
    { name: `tools${n}_cold`, promptTokens: full, maxTokens: 16, request: turn(userText(q1, []), 16) },
    {
      name: `tools${n}_warm`,
      promptTokens: 40,
      maxTokens: 16,
      request: turn(userText(q2, []), 16),
      needs: `tools${n}_cold`,
    },
  );
  if (image) {
    const first = IMAGE_QUESTIONS[0] as string;
    list.push({
      name: `tools${n}_image1`,
      promptTokens: imageTokens + 40,
      maxTokens: 32,
      request: turn(imageParts(first), 32),
    });
  }
  if (spec.decodeTokens > 0) {
    list.push({
      name: `tools${n}_decode`,
      promptTokens: 40,
      maxTokens: spec.decodeTokens,
      request: turn(userText('Describe every tool you could use on a holiday photo.', []), spec.decodeTokens),
    });
  }
  list.push({
    name: `tools${n}_warm2`,
    promptTokens: 40,
    maxTokens: 16,
    request: turn(userText(q3, []), 16),
    needs: `tools${n}_cold`,
  });
  if (image) {
    const second = IMAGE_QUESTIONS[1] as string;
    list.push({
      name: `tools${n}_image2`,
      promptTokens: imageTokens + 40,
      maxTokens: 32,
      request: turn(imageParts(second), 32),
    });
  }
  return list;
}
