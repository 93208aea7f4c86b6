import { validTraceparent } from '@mmskills/core';
import type { UserMessage } from '../agent/loop.js';

/**
 * The message with the W3C `traceparent` its request carried, when that header is valid: the
 * agent continues that trace in every tool call it makes for the message.
 */
export function withTrace(message: UserMessage, header: string | undefined): UserMessage {
  const traceparent = validTraceparent(header);
  return traceparent ? { ...message, traceparent } : message;
}
