import type { ImageSourcePolicy, Logger } from '@mmskills/core';
import type { Host } from '../host.js';
import type { ConversationStore } from './conversations.js';

/** What every route of the host app reads from `c.var`. */
export interface HostEnv {
  Variables: {
    host: Host;
    conversations: ConversationStore;
    policy: ImageSourcePolicy;
    log: Logger;
  };
}
