import * as accounts from '../../services/accounts';
import { actorOf, intParam, json, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';

/** Seed 003: /contact-user-accounts. `password_final` is accepted, never returned. */
const base = '/contact-user-accounts';
export const accountsRest = scopedRouter(base);
accountsRest.use(requireAuth);

const accountId = (req: Parameters<typeof intParam>[0]) =>
  intParam(req, 'id', 'Contact user account');

accountsRest.get(
  base,
  json((req, res) => accounts.listAccounts(actorOf(res), req.query)),
);
accountsRest.get(
  `${base}/contact/:contactId`,
  json((req, res) =>
    accounts.accountsOfContact(actorOf(res), intParam(req, 'contactId', 'Contact')),
  ),
);
accountsRest.get(
  `${base}/:id`,
  json((req, res) => accounts.getAccount(actorOf(res), accountId(req))),
);
accountsRest.post(
  base,
  json((req, res) => accounts.createAccount(actorOf(res), req.body ?? {}), 201),
);
accountsRest.patch(
  `${base}/:id`,
  json((req, res) => accounts.updateAccount(actorOf(res), accountId(req), req.body ?? {})),
);
accountsRest.delete(
  `${base}/:id`,
  json(async (req, res) => {
    await accounts.deleteAccount(actorOf(res), accountId(req));
  }),
);
