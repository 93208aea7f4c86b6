import type { ServerRecord } from '../store/store.js';
import { OFFICIAL_META } from './schemas.js';

/** A stored version as the official registry API shows it. */
export function presentServer(record: ServerRecord) {
  return { server: record.server, _meta: { [OFFICIAL_META]: record.meta } };
}
