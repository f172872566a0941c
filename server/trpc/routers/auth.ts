import { z } from 'zod';
import { config } from '../../config';
import { AppError } from '../../errors';
import * as auth from '../../services/auth';
import { getUser, LocaleInput, setOwnLocale } from '../../services/users';
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
  /** The caller's own console language; null follows the browser. */
  setLocale: authedProcedure
    .input(LocaleInput)
    .mutation(({ ctx, input }) => setOwnLocale(ctx.actor, input)),
  /**
   * Over the WebSocket only: makes a fresh access token of the same user the connection's, so
   * the socket outlives the token it opened with (it closes when its token expires).
   */
  socketToken: publicProcedure
    .input(z.object({ token: z.string().min(1).max(4096) }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.connection) {
        throw new AppError('BAD_REQUEST', 'auth.socketToken is for a WebSocket connection');
      }
      const auth = await ctx.connection.authenticate(input.token);
      return {
        userId: auth.actor.userId,
        expiresAt: new Date(auth.expiresAt * 1000).toISOString(),
      };
    }),
});
