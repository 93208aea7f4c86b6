import { MmskillsError, MmskillsErrorCode } from '../errors.js';
import { imageTooLargeError } from './limits.js';

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;
const HEX = /^[0-9A-Fa-f]{2}$/;

function isAcceptedMediaType(mediaType: string): boolean {
  return /^image\/[a-z0-9.+-]+$/.test(mediaType) || mediaType === 'application/octet-stream';
}

function percentDecode(body: string): Buffer {
  const raw = Buffer.from(body, 'utf8');
  const out = Buffer.allocUnsafe(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] as number;
    if (byte !== 0x25) {
      out[length++] = byte;
      continue;
    }
    const hex = raw.subarray(i + 1, i + 3).toString('latin1');
    if (!HEX.test(hex)) {
      throw new MmskillsError(
        MmskillsErrorCode.InvalidArgument,
        `data URI has a malformed percent escape at character ${i}; encode the image as base64 (data:image/png;base64,…)`,
      );
    }
    out[length++] = Number.parseInt(hex, 16);
    i += 2;
  }
  return out.subarray(0, length);
}

/**
 * Decodes a `data:` URI (RFC 2397, base64 or percent-encoded) into bytes, accepting only `image/*` and
 * `application/octet-stream` media types. The byte limit is checked before decoding.
 */
export function readDataUri(uri: string, maxBytes: number): Buffer {
  const comma = uri.indexOf(',');
  if (comma < 0) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      'data URI has no comma before its data; use the form data:image/png;base64,<data>',
    );
  }
  const params = uri
    .slice('data:'.length, comma)
    .split(';')
    .map((part) => part.trim().toLowerCase());
  const mediaType = params[0] || 'text/plain';
  if (!isAcceptedMediaType(mediaType)) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      `data URI has media type ${mediaType}; only image/* or application/octet-stream are accepted (e.g. data:image/png;base64,…)`,
    );
  }
  const body = uri.slice(comma + 1);
  if (params.at(-1) !== 'base64') {
    if (body.length > maxBytes * 3) throw imageTooLargeError(maxBytes, maxBytes, true);
    const bytes = percentDecode(body);
    if (bytes.length > maxBytes) throw imageTooLargeError(bytes.length, maxBytes);
    return bytes;
  }
  // Line breaks and spaces are common when base64 is pasted or wrapped.
  const base64 = body.replace(/\s+/g, '');
  if (!BASE64.test(base64)) {
    throw new MmskillsError(
      MmskillsErrorCode.InvalidArgument,
      'data URI is marked base64 but contains characters outside the base64 alphabet; re-encode the image',
    );
  }
  const decodedLength = Math.floor((base64.replace(/=+$/, '').length * 3) / 4);
  if (decodedLength > maxBytes) throw imageTooLargeError(decodedLength, maxBytes);
  return Buffer.from(base64, 'base64');
}
