import type { HttpBindings } from '@hono/node-server';
import type { ImageSourcePolicy, Logger } from '@mmskills/core';
import type { ConversationStore } from '../conversations/store.js';
import type { Host } from '../host.js';
import type { RunningTurns } from './conversations.js';

/** What every route of the host app reads from `c.var`. */
export interface HostEnv {
  /** The Node request and response under @hono/node-server; absent in `app.request()` and other fetch callers. */
  Bindings: Partial<HttpBindings>;
  Variables: {
    host: Host;
    conversations: ConversationStore;
    /** The turns running on this host now, by conversation: their pictures are served before they are stored. */
    running: RunningTurns;
    policy: ImageSourcePolicy;
    log: Logger;
  };
}
