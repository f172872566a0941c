import botTests from './bot-tests.json';
import common from './common.json';
import crm from './crm.json';
import csat from './csat.json';
import flows from './flows.json';
import inbox from './inbox.json';
import knowledge from './knowledge.json';
import settings from './settings.json';
import supervisor from './supervisor.json';

/** One language's strings, a namespace per area of the console (README in lib/i18n.ts). */
export default { common, inbox, settings, flows, botTests, supervisor, knowledge, crm, csat };
