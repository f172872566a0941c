import type { Actor } from '../../server/auth/actor';
import { presentTag } from '../../server/contracts/crm/present';
import * as tags from '../../server/services/tags';
import { unique } from './unique';

export function makeTag(actor: Actor, overrides: { name?: string; color?: string | null } = {}) {
  return tags
    .createTag(actor, { name: overrides.name ?? `Tag ${unique()}`, ...overrides })
    .then(presentTag);
}
