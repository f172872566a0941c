import { Router } from 'express';
import { accountsRest } from './accounts';
import { assignmentRest } from './assignment';
import { catalogRest } from './catalog';
import { contactsRest } from './contacts';
import { conversationsRest } from './conversations';

/**
 * The CRM and inbox API, seed 003 (../shared/seeds/003_7abf987d70405285.txt): snake_case,
 * page/limit pages: servers, tags, devices, applications, contact user accounts, contacts,
 * conversations (assign, unassign, read, unread) and auto-assignment.
 */
export const crmRest = Router();
crmRest.use(catalogRest, contactsRest, accountsRest, assignmentRest, conversationsRest);
