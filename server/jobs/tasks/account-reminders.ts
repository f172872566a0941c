import type { Task } from 'graphile-worker';
import { config } from '../../config';
import { sendExpiryReminders } from '../../services/reminders';

/** Daily cron: reminds customers whose contact user account expires soon. */
export const accountReminders: Task = async (_payload, helpers) => {
  const { sent, skipped } = await sendExpiryReminders(config.ACCOUNT_REMINDER_DAYS);
  if (sent || skipped) helpers.logger.info(`account reminders: ${sent} sent, ${skipped} skipped`);
};
