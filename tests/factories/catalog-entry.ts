import type { Actor } from '../../server/auth/actor';
import { presentEntry } from '../../server/contracts/crm/present';
import * as catalog from '../../server/services/catalog';
import { unique } from './unique';

/** A server, application or device of the catalog. */
export function makeEntry(kind: catalog.CatalogKind, actor: Actor, name = `${kind} ${unique()}`) {
  return catalog.createEntry(kind, actor, { name }).then(presentEntry);
}
