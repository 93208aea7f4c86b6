import { renderTurn, type TurnFormat } from '@mmskills/core';

const QUESTION = 'What is the serial number on the small label?';

/**
 * The prompt lines that teach looking again (DeepEyes, Mini-o3, Qwen-Agent's zoom tool): pictures
 * the tools return are shown to the model, and when it has a zoom tool, a worked example of
 * zooming on a region, looking at the result, and zooming or reading further before answering.
 * The example is written in the reply form the backend uses (`format`).
 */
export function lookAgainLines(format: TurnFormat, zoomTool: string | undefined): string[] {
  const lines = [
    'Pictures that tools return are shown to you after their outputs, each after its handle (<image_2>: …). Look at them before you answer.',
  ];
  if (!zoomTool) return lines;
  const turn = (thoughts: string, actions: Array<Record<string, unknown>>, value: string) =>
    renderTurn(
      {
        thoughts,
        actions: actions.map(({ tool, ...params }) => ({ API_name: tool as string, API_params: params })),
        value,
      },
      format,
    );
  return [
    ...lines,
    `When a detail is too small to make out (small print, a far-away object), call ${zoomTool} on its region and look at the zoomed picture; zoom again on a part of it, or pass its handle to another tool, until you can answer.`,
    '',
    'Example of looking again:',
    `User: <image_1> ${QUESTION}`,
    `Assistant: ${turn(
      'The label is a small area at the lower right of image_1; I need a closer look.',
      [{ tool: zoomTool, image: 'image_1', box: [0.6, 0.7, 0.9, 0.9] }],
      'Zooming in on the label.',
    )}`,
    `User: ${zoomTool} model outputs: {"new_images":["image_2"]}\n\nPlease summarize the model outputs and answer my first question: ${QUESTION}\n<image_2> from image/${zoomTool}: (the zoomed label)`,
    `Assistant: ${turn(
      'In image_2 the label is readable: the line under "SERIAL" says SN-4417.',
      [],
      'The serial number is SN-4417.',
    )}`,
  ];
}
