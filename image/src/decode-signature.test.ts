import { MmskillsError } from '@mmskills/core';
import { rejection } from '@mmskills/core/testing';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode.js';

// Nested entities that expand to gigabytes in an XML parser that follows them. librsvg refuses it
// with its own error, so a refusal naming SVG shows the bytes never reached it.
const laughs = Buffer.from(
  `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY l0 "lol">${Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
  ).join('')}]><svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text>&l9;</text></svg>`,
);

describe('decodeImage file signatures', () => {
  it.each([
    ['an SVG billion-laughs document', laughs],
    [
      'an SVG after a byte-order mark and blank lines',
      Buffer.from('\ufeff\n\n  <svg xmlns="http://www.w3.org/2000/svg"/>'),
    ],
    ['an HTML page', Buffer.from('<!doctype html><title>not an image</title>')],
  ])('refuses %s before any loader parses it', async (_name, bytes) => {
    const error = await rejection(decodeImage(bytes));
    expect(error).toBeInstanceOf(MmskillsError);
    expect(error.code).toBe('invalid_image');
    expect(error.message).toMatch(/svg images are not accepted, nor other XML or HTML/);
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n')],
    ['a libvips native header', Buffer.from([0x08, 0xf2, 0xa6, 0xb6, 0, 0, 0, 0])],
    [
      'a PNG with its signature shifted by one byte',
      Buffer.concat([Buffer.from([0]), Buffer.from('\x89PNG\r\n\x1a\n', 'latin1')]),
    ],
  ])('refuses %s by its signature', async (_name, bytes) => {
    const error = await rejection(decodeImage(bytes));
    expect(error).toBeInstanceOf(MmskillsError);
    expect(error).toMatchObject({
      code: 'invalid_image',
      message: expect.stringMatching(/not in a supported format/),
    });
  });

  it.each(['png', 'jpeg', 'webp', 'gif', 'tiff', 'avif'] as const)('still decodes %s', async (format) => {
    const bytes = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#336699' } })
      .toFormat(format)
      .toBuffer();
    const image = await decodeImage(bytes);
    expect([image.width, image.height]).toEqual([8, 6]);
  });
});
