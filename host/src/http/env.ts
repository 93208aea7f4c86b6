import type { HttpBindings } from '@hono/node-server';
import type { ImageSourcePolicy, Logger } from '@mmskills/core';
import type { ConversationStore } from '../conversations/store.js';
import type { Host } from '../host.js';

/** What every route of the host app reads from `c.var`. */
export interface HostEnv {
  /** The Node request and response under @hono/node-server; absent in `app.request()` and other fetch callers. */
  Bindings: Partial<HttpBindings>;
  Variables: {
    host: Host;
    conversations: ConversationStore;
    policy: ImageSourcePolicy;
    log: Logger;
  };
}
