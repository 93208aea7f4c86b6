import { SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { transportFailure } from './transport-failure.js';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('transportFailure', () => {
  it.each([
    ['a refused connection (node:http)', coded('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED')],
    [
      'a refused connection under fetch',
      new TypeError('fetch failed', { cause: coded('connect ECONNREFUSED', 'ECONNREFUSED') }),
    ],
    ['a process gone before the write', new Error('the skill process is not running')],
    ['a pipe with no reader', coded('write EPIPE', 'EPIPE')],
  ])('calls %s unreached: it may go to another replica', (_title, error) => {
    expect(transportFailure(error)).toBe('unreached');
  });

  it.each([
    ['a closed stdio connection', new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed')],
    ['a reset socket', coded('read ECONNRESET', 'ECONNRESET')],
    [
      'a request closed before its answer',
      new Error('the connection to the skill closed before it answered'),
    ],
    ['fetch losing its socket', new TypeError('fetch failed', { cause: new Error('other side closed') })],
  ])('calls %s lost: the call may have run', (_title, error) => {
    expect(transportFailure(error)).toBe('lost');
  });

  it.each([
    ['a timeout', new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out')],
    ['an HTTP error answer', new Error('Error POSTing to endpoint (HTTP 500): fetch failed')],
    ['anything else', 'a string'],
  ])('leaves %s alone', (_title, error) => {
    expect(transportFailure(error)).toBeUndefined();
  });
});
