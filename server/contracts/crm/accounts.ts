import * as accounts from '../../services/accounts';
import { actorOf, intParam, json, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { presentAccount, presentAccountPage } from './present';

/** Seed 003: /contact-user-accounts. `password_final` is accepted, never returned. */
const base = '/contact-user-accounts';
export const accountsRest = scopedRouter(base);
accountsRest.use(requireAuth);

const accountId = (req: Parameters<typeof intParam>[0]) =>
  intParam(req, 'id', 'Contact user account');

accountsRest.get(
  base,
  json(async (req, res) =>
    presentAccountPage(await accounts.listAccounts(actorOf(res), req.query)),
  ),
);
accountsRest.get(
  `${base}/contact/:contactId`,
  json(async (req, res) =>
    (await accounts.accountsOfContact(actorOf(res), intParam(req, 'contactId', 'Contact'))).map(
      presentAccount,
    ),
  ),
);
accountsRest.get(
  `${base}/:id`,
  json(async (req, res) => presentAccount(await accounts.getAccount(actorOf(res), accountId(req)))),
);
accountsRest.post(
  base,
  json(
    async (req, res) => presentAccount(await accounts.createAccount(actorOf(res), req.body ?? {})),
    201,
  ),
);
accountsRest.patch(
  `${base}/:id`,
  json(async (req, res) =>
    presentAccount(await accounts.updateAccount(actorOf(res), accountId(req), req.body ?? {})),
  ),
);
accountsRest.delete(
  `${base}/:id`,
  json(async (req, res) => {
    await accounts.deleteAccount(actorOf(res), accountId(req));
  }),
);
