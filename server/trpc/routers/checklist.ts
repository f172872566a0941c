import { dismissSetupChecklist, setupChecklist } from '../../services/checklist';
import { adminProcedure, router } from '../init';

/** The admin's first-start checklist (connect a channel, give the bot knowledge, invite agents). */
export const checklistRouter = router({
  get: adminProcedure.query(({ ctx }) => setupChecklist(ctx.actor)),
  dismiss: adminProcedure.mutation(({ ctx }) => dismissSetupChecklist(ctx.actor)),
});
