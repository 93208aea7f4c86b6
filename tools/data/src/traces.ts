import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MmskillsError, parseTurn, renderTurn } from '@mmskills/core';
import { type RecordedExchange, RecordedExchangeSchema } from '@mmskills/host';
import { z } from 'zod';
import { type DialogueTurn, IMAGE_TOKEN, type Sample } from './sample.js';

export interface TracesResult {
  samples: Sample[];
  /** Records that could not be read or held no usable exchange, and why. */
  skipped: Array<{ file: string; reason: string }>;
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
    // Pictures a tool returned and the model was shown come with their observation, as the
    // question's pictures come with the question.
    turns.push({ from: 'human', value: `${IMAGE_TOKEN.repeat(message.images.length)}${message.text}` });
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
