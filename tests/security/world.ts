import { randomUUID } from 'node:crypto';
import { createDirectConversation } from '../../server/contracts/direct-chat';
import { PIZZERIA_FLOW } from '../../server/demo/pizzeria-flow';
import { createApiKey } from '../../server/services/api-keys';
import { login } from '../../server/services/auth';
import { createCase } from '../../server/services/bot-tests/cases';
import { runSuite } from '../../server/services/bot-tests/runs';
import { createTool } from '../../server/services/bot-tools/tools';
import { createCanned } from '../../server/services/canned-responses/store';
import { uploadAttachment } from '../../server/services/files/attachments';
import { publishFlow, saveDraft } from '../../server/services/flows/store';
import type { Role } from '../../shared/enums';
import { FlowGraph } from '../../shared/flow';
import { makeAccount } from '../factories/account';
import { makeEntry } from '../factories/catalog-entry';
import { makeContact } from '../factories/contact';
import { makeWhatsappIntegration } from '../factories/integration';
import { linkCollections, makeArticle, makeCollection } from '../factories/knowledge';
import { makeTag } from '../factories/tag';
import { makeUser, PASSWORD } from '../factories/user';
import { tokenFor } from '../helpers/auth';
import { actorFor, inboxWorkspace, openConversation, sendAsCustomer } from '../helpers/inbox';
import { surveyedVisitor, widgetVisitor } from './widget-visitor';

/** The workspace-owned rows a route can name, by what it names them with. */
export interface Ids {
  contact: number;
  contactExternalId: string;
  tag: number;
  server: number;
  device: number;
  application: number;
  account: number;
  chatbot: string;
  chatbotId: number;
  cloudIntegration: string;
  qrIntegration: string;
  integrationId: number;
  conversation: number;
  conversationUuid: string;
  /** The visitor of `conversation`, so a send into it is the ordinary one. */
  externalUserId: string;
  message: string;
  directConversation: string;
  user: number;
  userUuid: string;
  apiKey: number;
  /** A knowledge collection the chatbot answers from, and a published article in it. */
  collection: number;
  article: number;
  /** A custom HTTP tool of the chatbot. */
  tool: number;
  /** A bot test case of the chatbot (its flow is published as version 1), and a run of it. */
  testCase: string;
  testRun: string;
  /** A shared canned response of the workspace. */
  cannedResponse: number;
  /** A file uploaded to `conversation`, not sent. */
  attachment: string;
  /** A file the world's widget visitor uploaded to its own conversation, not sent. */
  visitorAttachment: string;
  /** Another visitor's ended conversation (uuid), its satisfaction survey asked. */
  surveyedConversation: string;
}

export type Owned = keyof Ids;

/** Ids that name no row in any workspace: what a caller from elsewhere must not tell apart. */
export function missingIds(): Ids {
  const n = 2_147_483_000;
  return {
    contact: n,
    contactExternalId: `missing-${randomUUID()}`,
    tag: n,
    server: n,
    device: n,
    application: n,
    account: n,
    chatbot: randomUUID(),
    chatbotId: n,
    cloudIntegration: randomUUID(),
    qrIntegration: randomUUID(),
    integrationId: n,
    conversation: n,
    conversationUuid: randomUUID(),
    externalUserId: `visitor-${randomUUID().slice(0, 8)}`,
    message: randomUUID(),
    directConversation: randomUUID(),
    user: n,
    userUuid: randomUUID(),
    apiKey: n,
    collection: n,
    article: n,
    tool: n,
    testCase: randomUUID(),
    testRun: randomUUID(),
    cannedResponse: n,
    attachment: randomUUID(),
    visitorAttachment: randomUUID(),
    surveyedConversation: randomUUID(),
  };
}

export type World = Awaited<ReturnType<typeof makeWorld>>;

/**
 * One workspace with a row of every kind a route can name (made through the real services and
 * the HTTP send), a token per role, the seed-004 public key and a refresh token.
 */
export async function makeWorld(base: string) {
  const ws = await inboxWorkspace({ aiEnabled: false });
  // Each workspace's own webhook secrets, so one's cannot open another's integration.
  const secrets = {
    qr: `qr-${randomUUID()}`,
    cloud: `cloud-${randomUUID()}`,
    verify: randomUUID(),
  };
  const actor = ws.actor;
  // The agent every route names as a user (assignee, participant, operator) and calls as.
  const agent = await makeUser(ws.workspace.id, { role: 'agent' });
  const tokens: Record<Role, string> = {
    admin: ws.token,
    supervisor: (await ws.member('supervisor')).token,
    agent: await tokenFor(agent),
  };
  const tag = await makeTag(actor);
  const contact = await makeContact(actor, { tag_ids: [tag.id] });
  const server = await makeEntry('server', actor);
  const device = await makeEntry('device', actor);
  const application = await makeEntry('application', actor);
  const account = await makeAccount(actor, { contact_id: contact.id, server_id: server.id });
  const cloud = await makeWhatsappIntegration(
    ws.admin,
    'WHATSAPP_CLOUD',
    { phoneNumberId: `pn-${randomUUID().slice(0, 8)}` },
    { accessToken: 'token', appSecret: secrets.cloud, verifyToken: secrets.verify },
  );
  const qr = await makeWhatsappIntegration(
    ws.admin,
    'WHATSAPP_QR',
    { provider: 'waha', baseUrl: 'http://bridge.invalid', session: 'default' },
    { apiKey: 'bridge-key', webhookSecret: secrets.qr },
  );
  const conversation = await openConversation(base, ws.admin, ws.bot.id);
  const sent = await sendAsCustomer(base, ws.admin, {
    chatbotId: ws.bot.id,
    externalUserId: conversation.externalUserId!,
    conversationId: conversation.uuid,
  });
  const direct = await createDirectConversation(actor, { participant_uuid: agent.uuid });
  const apiKey = await createApiKey(actor, { name: 'Platform' });
  const collection = await makeCollection(actor);
  const article = await makeArticle(actor, {
    collectionId: collection.id,
    title: 'Returns',
    body: 'Returns take 14 days.',
  });
  await linkCollections(actor, conversation.chatbotId!, [collection.id]);
  const tool = await createTool(actor, {
    chatbotId: ws.bot.id,
    name: 'order_status',
    description: 'The status of an order.',
    parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
    urlTemplate: 'https://api.example.com/orders/{id}',
  });
  await saveDraft(actor, ws.bot.id, FlowGraph.parse(PIZZERIA_FLOW));
  await publishFlow(actor, ws.bot.id);
  const testCase = await createCase(actor, ws.bot.id, {
    name: 'Greets',
    script: { kind: 'scripted', turns: [{ text: 'Oi' }] },
    expectations: [{ kind: 'reply_contains', text: 'Olá' }],
  });
  const testRun = await runSuite(actor, ws.bot.id, undefined);
  const canned = await createCanned(actor, {
    scope: 'shared',
    shortcut: 'greet',
    title: 'Greeting',
    body: 'Hello {{contact.name}}, {{agent.name}} here.',
  });
  const session = await login({ email: ws.admin.email, password: PASSWORD }, '127.0.0.1');
  const visitor = await widgetVisitor(base, ws.bot);
  const surveyed = await surveyedVisitor(base, ws.bot, actor);
  const ids: Ids = {
    contact: contact.id,
    contactExternalId: contact.external_id,
    tag: tag.id,
    server: server.id,
    device: device.id,
    application: application.id,
    account: account.id,
    chatbot: ws.bot.id,
    chatbotId: conversation.chatbotId!,
    cloudIntegration: cloud.integration.uuid,
    qrIntegration: qr.integration.uuid,
    integrationId: qr.integration.id,
    conversation: conversation.id,
    conversationUuid: conversation.uuid,
    externalUserId: conversation.externalUserId!,
    message: sent.body.data.message.id,
    directConversation: direct.data.uuid,
    user: agent.id,
    userUuid: agent.uuid,
    apiKey: apiKey.id,
    collection: collection.id,
    article: article.id,
    tool: tool.id,
    testCase: testCase.uuid,
    testRun: testRun.run.uuid,
    cannedResponse: canned.id,
    attachment: (
      await uploadAttachment(actor, conversation, 'terms.pdf', Buffer.from('%PDF-1.4 terms'))
    ).uuid,
    visitorAttachment: visitor.attachment,
    surveyedConversation: surveyed.conversation,
  };
  return {
    workspaceId: ws.workspace.id,
    admin: ws.admin,
    actor: actorFor(ws.admin),
    tokens,
    publicKey: apiKey.key,
    refreshToken: session.refreshToken,
    publicBotKey: ws.bot.publicKey,
    /** The widget visitor's session token (the widget's routes take no user's). */
    widgetToken: visitor.token,
    /** The surveyed visitor's session token. */
    surveyToken: surveyed.token,
    secrets,
    ids,
  };
}
