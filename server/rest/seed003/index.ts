import { Router } from 'express';
import { accountsRest } from './accounts';
import { assignmentRest } from './assignment';
import { catalogRest } from './catalog';
import { contactsRest } from './contacts';
import { conversationsRest } from './conversations';

/** Seed 003 (CRM + inbox), snake_case, page/limit pages. */
export const seed003Rest = Router();
seed003Rest.use(catalogRest, contactsRest, accountsRest, assignmentRest, conversationsRest);
