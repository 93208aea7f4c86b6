import { readFileSync } from 'node:fs';
import { photoPath } from '@mmskills/core/testing';
import { pngClaiming } from '@mmskills/image/testing';

/** One bad call: a title, the tool arguments, and what the error text must say. */
export type BadCall = [title: string, args: Record<string, unknown>, message: RegExp];

const dataUri = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

/**
 * The bad `image` arguments every image tool must refuse with a clear `isError` result: they all
 * fail in core's image source and decoder, so every skill gives the same messages. `rest` holds
 * the tool's other required arguments, valid ones, so only the image is wrong.
 */
export async function badImageCalls(rest: Record<string, unknown> = {}): Promise<BadCall[]> {
  const astronaut = readFileSync(photoPath('astronaut'));
  const huge = dataUri(await pngClaiming(20_000, 20_000));
  return [
    ['a zero-byte image', { ...rest, image: 'data:image/png;base64,' }, /empty \(0 bytes\)/],
    [
      'bytes that are no image',
      { ...rest, image: dataUri(Buffer.from('not an image at all')) },
      /not in a supported format/,
    ],
    [
      'a truncated PNG',
      { ...rest, image: dataUri(astronaut.subarray(0, astronaut.length / 2)) },
      /corrupt or truncated/,
    ],
    ['a PNG header claiming 20000×20000', { ...rest, image: huge }, /20000×20000 .*over the .* limit/],
    ['a path outside the allowed roots', { ...rest, image: '/etc/hostname' }, /outside|not allowed|roots/i],
    [
      'a file that does not exist',
      { ...rest, image: `${photoPath('astronaut')}.missing` },
      /not found|no such|does not exist/i,
    ],
    ['an image that is a number', { ...rest, image: 42 }, /\/image: .*string/i],
    ['no image at all', { ...rest, image: undefined }, /\/image/],
  ];
}
