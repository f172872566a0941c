import { revealIdentitySecret, rotateIdentitySecret } from '../../services/widget-identity';
import { adminProcedure, router } from '../init';

/**
 * The workspace's widget identity-verification secret (docs/api.md, "Widget sessions"): an
 * admin reads it to configure the embedding site, and rotates it (which ends widget sessions).
 */
export const widgetIdentityRouter = router({
  reveal: adminProcedure.query(({ ctx }) => revealIdentitySecret(ctx.actor)),
  rotate: adminProcedure.mutation(({ ctx }) => rotateIdentitySecret(ctx.actor)),
});
