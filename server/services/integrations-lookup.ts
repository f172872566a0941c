import { eq } from 'drizzle-orm';
import type { Channel } from '../../shared/enums';
import { db } from '../db/client';
import { type Integration, integrations } from '../db/schema';
import { notFound } from '../errors';
import { parseRef } from './ids';

/** The integration a public webhook URL names (by uuid or id), of the expected channel. */
export async function integrationForWebhook(raw: string, channel: Channel): Promise<Integration> {
  const ref = parseRef(raw, 'Integration');
  const [row] = await db
    .select()
    .from(integrations)
    .where('id' in ref ? eq(integrations.id, ref.id) : eq(integrations.uuid, ref.uuid));
  if (!row || row.channel !== channel || !row.enabled) throw notFound('Integration');
  return row;
}
