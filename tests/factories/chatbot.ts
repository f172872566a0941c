import type { User } from '../../server/db/schema';
import { callerFor } from '../helpers/auth';

/** A chatbot made through the real service, as an admin would. */
export async function makeChatbot(
  admin: User,
  overrides: { aiEnabled?: boolean; name?: string } = {},
) {
  return callerFor(admin).chatbots.create({ name: overrides.name ?? 'Support bot', ...overrides });
}
