import type { Task } from 'graphile-worker';
import { config } from '../../config';
import { markAbsentAgentsAway } from '../../services/availability';

/** Cron: agents whose last console socket closed AWAY_AFTER_MINUTES ago become away. */
export const presenceSweep: Task = async (_payload, helpers) => {
  const n = await markAbsentAgentsAway(config.AWAY_AFTER_MINUTES);
  if (n) helpers.logger.info(`${n} agent(s) set to away after leaving`);
};
