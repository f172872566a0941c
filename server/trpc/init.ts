import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError, z } from 'zod';
import type { Role } from '../../shared/enums';
import { requireRole } from '../auth/actor';
import { AppError, type AppErrorCode, inputErrorOf } from '../errors';
import { FlowProblemsError } from '../services/flows/validate';
import type { Context } from './context';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    // Full paths too (`patch.name`), so forms can place nested errors next to their field.
    const zodIssues =
      error.cause instanceof ZodError
        ? error.cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
        : null;
    // A refused flow publish: each problem with the node it names, for the flow editor.
    const flowProblems =
      error.cause instanceof FlowProblemsError ? error.cause.problems : undefined;
    return {
      ...shape,
      message: internal ? 'Internal server error' : shape.message,
      data: { ...shape.data, stack: undefined, zodError, zodIssues, flowProblems },
    };
  },
});

const TRPC_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNPROCESSABLE: 'UNPROCESSABLE_CONTENT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
};

/**
 * The one place AppError (and a service's own zod parse) becomes a TRPCError; undefined for
 * anything else. Used by the middleware below and by subscriptions, whose streams fail after
 * the middleware has returned.
 */
export function toTRPCError(error: unknown): TRPCError | undefined {
  const cause = inputErrorOf(error) ?? error;
  if (cause instanceof AppError) {
    return new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  if (cause instanceof ZodError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input', cause });
  }
  return undefined;
}

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw ctx.authError ?? new AppError('UNAUTHORIZED', 'Authentication required');
  return next({ ctx: { ...ctx, auth: ctx.auth, actor: ctx.auth.actor } });
});

const withRole = (role: Role) =>
  authedProcedure.use(({ ctx, next }) => {
    requireRole(ctx.actor, role);
    return next();
  });

export const supervisorProcedure = withRole('supervisor');
export const adminProcedure = withRole('admin');
