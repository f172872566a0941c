import { config } from '../../config';
import * as auth from '../../services/auth';
import { getUser } from '../../services/users';
import { authedProcedure, publicProcedure, router } from '../init';

export const authRouter = router({
  config: publicProcedure.query(() => ({ allowSignup: config.ALLOW_SIGNUP })),
  register: publicProcedure.input(auth.RegisterInput).mutation(({ input }) => auth.register(input)),
  login: publicProcedure
    .input(auth.LoginInput)
    .mutation(({ input, ctx }) => auth.login(input, ctx.ip)),
  refresh: publicProcedure.input(auth.RefreshInput).mutation(({ input }) => auth.refresh(input)),
  logout: publicProcedure.input(auth.RefreshInput).mutation(({ input }) => auth.logout(input)),
  me: authedProcedure.query(({ ctx }) => getUser(ctx.actor, ctx.actor.userId)),
});
