import * as stats from '../../services/stats';
import { router, supervisorProcedure } from '../init';

export const statsRouter = router({
  /** The supervisor dashboard: every figure for the last `days` days in `timeZone`. */
  dashboard: supervisorProcedure
    .input(stats.DashboardInput)
    .query(({ ctx, input }) => stats.dashboard(ctx.actor, input)),
});
