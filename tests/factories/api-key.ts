import type { User } from '../../server/db/schema';
import { createApiKey } from '../../server/services/api-keys';
import { actorOf } from '../helpers/auth';

/** An API client key for seed 004's X-PUBLIC-KEY. */
export async function makeApiKey(admin: User) {
  return (await createApiKey(actorOf(admin), { name: 'Platform' })).key;
}
