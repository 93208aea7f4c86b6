import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MmskillsError, parseTurn, renderTurn } from '@mmskills/core';
import { type RecordedExchange, RecordedExchangeSchema } from '@mmskills/host';
import { z } from 'zod';
import { type DialogueTurn, IMAGE_PLACEHOLDER, IMAGE_TOKEN, type Sample } from './sample.js';

export interface TracesResult {
  samples: Sample[];
  /** Records that could not be read or held no usable exchange, and why. */
  skipped: Array<{ file: string; reason: string }>;
}

/** The question's pictures come before its text, as LLaVA puts `<image>`. */
const questionValue = (message: RecordedExchange['messages'][number]) =>
  `${IMAGE_TOKEN.repeat(message.images.length)}${message.text}`;

/**
 * Pictures a tool returned and the model was shown sit after their handle's line
 * (`<image_2> from image/crop:`), where the host put them and where generated samples put them.
 */
function observationValue(message: RecordedExchange['messages'][number]): string {
  let text = message.text;
  const unplaced: string[] = [];
  for (const handle of message.images) {
    const line = new RegExp(`(\\n<${handle}> from [^\\n]*?:)`);
    if (line.test(text)) text = text.replace(line, `$1${IMAGE_PLACEHOLDER}`);
    else unplaced.push(handle);
  }
  return `${IMAGE_TOKEN.repeat(unplaced.length)}${text}`;
}

/**
 * The conversation of one recorded exchange. Replies the host could not read (and its request
 * to answer again) are left out; readable turns are rendered canonically.
 */
export function exchangeToSample(record: RecordedExchange): Sample {
  const turns: DialogueTurn[] = [];
  const messages = record.messages;
  for (let i = 0; i < messages.length; i += 1) {
    const message = messages[i] as RecordedExchange['messages'][number];
    if (message.role === 'assistant') {
      try {
        turns.push({ from: 'gpt', value: renderTurn(parseTurn(message.text)) });
      } catch {
        i += 1;
      }
      continue;
    }
    turns.push({
      from: 'human',
      value: turns.length === 0 ? questionValue(message) : observationValue(message),
    });
  }
  const alternates = turns.every((turn, i) => turn.from === (i % 2 === 0 ? 'human' : 'gpt'));
  if (!alternates || turns.length < 2 || turns.at(-1)?.from !== 'gpt') {
    throw new MmskillsError('invalid_argument', 'the exchange does not alternate user and model turns');
  }
  const shown = messages.filter((message) => message.role === 'user').flatMap((message) => message.images);
  const files = shown.map((handle) => {
    const image = record.images.find((entry) => entry.handle === handle);
    return `${record.conversation}/${image?.file ?? handle}`;
  });
  return {
    id: `${record.conversation}-${record.exchange}`,
    ...(files.length === 1 ? { image: files[0] } : files.length > 1 ? { image: files } : {}),
    conversations: turns,
  };
}

/**
 * Reads what `mmskills-host --record <dir>` wrote and returns one sample per exchange, ordered by
 * conversation folder and exchange number; image paths are relative to `dir`.
 * @see ../README.md "Traces"
 */
export async function readTraces(dir: string): Promise<TracesResult> {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    throw new MmskillsError('invalid_argument', `--from ${dir} is not a folder`);
  }
  const samples: Sample[] = [];
  const skipped: TracesResult['skipped'] = [];
  const conversations = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const conversation of conversations) {
    const files = (await readdir(join(dir, conversation))).filter((name) => /^\d+\.json$/.test(name)).sort();
    for (const file of files) {
      const path = join(conversation, file);
      try {
        const record = RecordedExchangeSchema.parse(JSON.parse(await readFile(join(dir, path), 'utf8')));
        samples.push(exchangeToSample(record));
      } catch (error) {
        const reason =
          error instanceof z.ZodError
            ? error.issues
                .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
                .join('; ')
            : (error as Error).message;
        skipped.push({ file: path, reason });
      }
    }
  }
  return { samples, skipped };
}
