import { AppError } from '../../errors';
import { parseRef } from '../../services/ids';
import * as users from '../../services/users';
import { actorOf, json, param, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';

export const usersRest = scopedRouter('/users');
usersRest.use(requireAuth);

function userId(raw: string | undefined): number {
  const ref = parseRef(raw ?? '', 'User');
  if (!('id' in ref)) throw new AppError('NOT_FOUND', 'User not found');
  return ref.id;
}

usersRest.get(
  '/users',
  json((_req, res) => users.listUsers(actorOf(res))),
);
usersRest.get(
  '/users/:id',
  json((req, res) => users.getUser(actorOf(res), userId(param(req, 'id')))),
);
usersRest.post(
  '/users',
  json(
    (req, res) => users.createUser(actorOf(res), users.CreateUserInput.parse(req.body ?? {})),
    201,
  ),
);
usersRest.patch(
  '/users/:id',
  json((req, res) =>
    users.updateUser(
      actorOf(res),
      userId(param(req, 'id')),
      users.UpdateUserInput.parse(req.body ?? {}),
    ),
  ),
);
