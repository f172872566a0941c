import { clientIp } from '../../request/client-ip';
import * as auth from '../../services/auth';
import { getUser } from '../../services/users';
import { actorOf, json, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';

/** Auth endpoints: the same operations as the tRPC `auth` router, as REST. */
export const authRest = scopedRouter('/auth');

authRest.post(
  '/auth/register',
  json((req) => auth.register(auth.RegisterInput.parse(req.body ?? {})), 201),
);
authRest.post(
  '/auth/login',
  json((req) => auth.login(auth.LoginInput.parse(req.body ?? {}), clientIp(req))),
);
authRest.post(
  '/auth/refresh',
  json((req) => auth.refresh(auth.RefreshInput.parse(req.body ?? {}))),
);
authRest.post(
  '/auth/logout',
  json((req) => auth.logout(auth.RefreshInput.parse(req.body ?? {}))),
);
authRest.get(
  '/auth/me',
  requireAuth,
  json((_req, res) => getUser(actorOf(res), actorOf(res).userId)),
);
