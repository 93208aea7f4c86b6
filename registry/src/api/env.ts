import type { AuthConfig } from '../auth/bearer.js';
import type { RegistryStore } from '../store/store.js';

/** What every route of the registry app can read from `c.var`. */
export interface RegistryEnv {
  Variables: {
    store: RegistryStore;
    auth: AuthConfig;
    now: () => Date;
  };
}
