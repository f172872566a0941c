import { signFileLink } from '../../server/services/files/signed-links';
import type { RestCase } from './cases';

/** Conversations and messages: seeds 000, 001, 002, 003's inbox and 004's direct chat. */
const user = { caller: 'user', role: 'agent' } as const;
const text = { type: 'text', content: { text: 'Hello from the inbox' } };

const chatbotPlatform: RestCase[] = [
  {
    method: 'POST',
    path: '/conversations',
    ...user,
    owns: ['chatbot'],
    request: (_w, ids) => ({
      path: '/conversations',
      body: { chatbotId: ids.chatbot, externalUserId: ids.externalUserId, channel: 'WIDGET' },
    }),
  },
  {
    method: 'PATCH',
    path: '/conversations/:id',
    ...user,
    owns: ['conversationUuid'],
    request: (_w, ids) => ({
      path: `/conversations/${ids.conversationUuid}`,
      body: { status: 'ACTIVE' },
    }),
  },
  {
    method: 'DELETE',
    path: '/conversations/:id',
    ...user,
    role: 'admin',
    owns: ['conversationUuid'],
    request: (_w, ids) => ({ path: `/conversations/${ids.conversationUuid}` }),
  },
  {
    method: 'POST',
    path: '/messages/send',
    ...user,
    owns: ['chatbot', 'conversationUuid'],
    request: (_w, ids) => ({
      path: '/messages/send',
      body: {
        chatbotId: ids.chatbot,
        externalUserId: ids.externalUserId,
        conversationId: ids.conversationUuid,
        content: 'Hi',
        channel: 'WIDGET',
        metadata: { page: '/pricing' },
      },
    }),
  },
  {
    method: 'GET',
    path: '/messages/conversation/:conversationId',
    ...user,
    owns: ['conversationUuid'],
    request: (_w, ids) => ({
      path: `/messages/conversation/${ids.conversationUuid}?page=1&limit=10`,
    }),
  },
  {
    method: 'GET',
    path: '/messages/:id',
    ...user,
    owns: ['message'],
    request: (_w, ids) => ({ path: `/messages/${ids.message}` }),
  },
];

const BOT = '/api/conversations';
const botInbox: RestCase[] = [
  {
    method: 'GET',
    path: BOT,
    ...user,
    owns: [],
    request: () => ({ path: `${BOT}?status=active&limit=10` }),
  },
  {
    method: 'GET',
    path: `${BOT}/:id`,
    ...user,
    owns: ['conversationUuid'],
    request: (_w, ids) => ({ path: `${BOT}/${ids.conversationUuid}` }),
  },
  {
    method: 'POST',
    path: `${BOT}/:id/takeover`,
    ...user,
    owns: ['conversationUuid', 'userUuid'],
    request: (_w, ids) => ({
      path: `${BOT}/${ids.conversationUuid}/takeover`,
      body: { operatorId: ids.userUuid },
    }),
  },
  {
    method: 'POST',
    path: `${BOT}/:id/release`,
    ...user,
    owns: ['conversationUuid'],
    request: (_w, ids) => ({ path: `${BOT}/${ids.conversationUuid}/release` }),
  },
  {
    method: 'POST',
    path: `${BOT}/:id/messages`,
    ...user,
    owns: ['conversationUuid'],
    request: (_w, ids) => ({ path: `${BOT}/${ids.conversationUuid}/messages`, body: text }),
  },
  {
    method: 'POST',
    path: `${BOT}/:id/end`,
    ...user,
    owns: ['conversationUuid'],
    request: (_w, ids) => ({ path: `${BOT}/${ids.conversationUuid}/end` }),
  },
  {
    method: 'GET',
    path: `${BOT}/:id/variables`,
    ...user,
    owns: ['conversationUuid'],
    request: (_w, ids) => ({ path: `${BOT}/${ids.conversationUuid}/variables` }),
  },
  {
    method: 'PUT',
    path: `${BOT}/:id/variables`,
    ...user,
    owns: ['conversationUuid'],
    request: (_w, ids) => ({
      path: `${BOT}/${ids.conversationUuid}/variables`,
      body: { key: 'plan', value: 'pro' },
    }),
  },
];

const crmInbox: RestCase[] = [
  {
    method: 'GET',
    path: '/conversations',
    ...user,
    role: 'supervisor',
    owns: [],
    request: () => ({ path: '/conversations?all=true&page=1&limit=5' }),
  },
  {
    method: 'GET',
    path: '/conversations/:id',
    ...user,
    owns: ['conversation'],
    request: (_w, ids) => ({ path: `/conversations/${ids.conversation}` }),
  },
  {
    method: 'PATCH',
    path: '/conversations/:id/assign',
    ...user,
    owns: ['conversation', 'user'],
    request: (_w, ids) => ({
      path: `/conversations/${ids.conversation}/assign`,
      body: { assigned_user: ids.user },
    }),
  },
  ...(['unassign', 'read', 'unread'] as const).map(
    (action): RestCase => ({
      method: 'PATCH',
      path: `/conversations/:id/${action}`,
      ...user,
      owns: ['conversation'],
      request: (_w, ids) => ({ path: `/conversations/${ids.conversation}/${action}` }),
    }),
  ),
  {
    method: 'POST',
    path: '/conversations/auto-assignment/execute',
    ...user,
    role: 'supervisor',
    owns: [],
    request: () => ({ path: '/conversations/auto-assignment/execute' }),
  },
];

const DIRECT = '/api/v1/chat/conversations';
const directChat: RestCase[] = [
  {
    method: 'POST',
    path: DIRECT,
    ...user,
    role: 'admin',
    owns: ['userUuid'],
    request: (_w, ids) => ({
      path: DIRECT,
      body: {
        participant_uuid: ids.userUuid,
        taggable_type: 'App\\Models\\Order',
        taggable_id: 123,
      },
    }),
  },
  {
    method: 'GET',
    path: DIRECT,
    ...user,
    role: 'admin',
    owns: [],
    request: () => ({ path: `${DIRECT}?page=1&per_page=5` }),
  },
  {
    method: 'GET',
    path: `${DIRECT}/:uuid/messages`,
    ...user,
    role: 'admin',
    owns: ['directConversation'],
    request: (_w, ids) => ({ path: `${DIRECT}/${ids.directConversation}/messages` }),
  },
  {
    method: 'POST',
    path: `${DIRECT}/:uuid/messages`,
    ...user,
    role: 'admin',
    owns: ['directConversation'],
    request: (_w, ids) => ({
      path: `${DIRECT}/${ids.directConversation}/messages`,
      body: { message: 'Hola' },
    }),
  },
];

/** An agent's file (server/http/files.ts). */
const files: RestCase[] = [
  {
    method: 'POST',
    path: '/console/files',
    ...user,
    owns: ['conversationUuid'],
    // The body is the file: a PDF's bytes, sent raw (its type is read from them).
    request: (_w, ids) => ({
      path: `/console/files?conversationId=${ids.conversationUuid}`,
      headers: { 'x-file-name': 'terms.pdf' },
      body: '\u0001RAW:%PDF-1.4 terms of service',
    }),
  },
  {
    // The link is the permission (an <img> sends no token): public, so no caller has a
    // workspace here. A link is minted only for those who may see the conversation
    // (tests/files.test.ts); one made for another workspace's file serves it, by design.
    method: 'GET',
    path: '/files/:uuid',
    caller: 'public',
    role: null,
    owns: ['attachment'],
    ignores: ['attachment'],
    crossStatus: 200,
    request: (_w, ids) => ({ path: signFileLink(ids.attachment).url }),
  },
];

/**
 * A widget visitor's files (server/http/widget-files.ts): the widget's session token, which the
 * request carries itself (no user's token reaches these routes); without it, 401.
 */
const widgetFiles: RestCase[] = [
  {
    // The visitor's own conversation is the one it goes into: the request names none.
    method: 'POST',
    path: '/widget/files',
    caller: 'public',
    role: null,
    owns: [],
    request: (w) => ({
      path: '/widget/files',
      headers: { authorization: `Bearer ${w.widgetToken}`, 'x-file-name': 'receipt.pdf' },
      body: '\u0001RAW:%PDF-1.4 a receipt',
    }),
  },
  {
    method: 'POST',
    path: '/widget/files/:id/send',
    caller: 'public',
    role: null,
    owns: ['visitorAttachment'],
    request: (w, ids) => ({
      path: `/widget/files/${ids.visitorAttachment}/send`,
      headers: { authorization: `Bearer ${w.widgetToken}` },
      body: { caption: 'The receipt' },
    }),
  },
];

/** The satisfaction survey of a visitor's ended conversation (server/http/widget-survey.ts). */
const widgetSurvey: RestCase[] = [
  {
    method: 'GET',
    path: '/widget/survey/:conversationId',
    caller: 'public',
    role: null,
    owns: ['surveyedConversation'],
    request: (w, ids) => ({
      path: `/widget/survey/${ids.surveyedConversation}`,
      headers: { authorization: `Bearer ${w.surveyToken}` },
    }),
  },
  {
    method: 'POST',
    path: '/widget/survey/:conversationId',
    caller: 'public',
    role: null,
    owns: ['surveyedConversation'],
    request: (w, ids) => ({
      path: `/widget/survey/${ids.surveyedConversation}`,
      headers: { authorization: `Bearer ${w.surveyToken}` },
      body: { rating: 4, comment: 'Quick and kind' },
    }),
  },
];

export const inboxRoutes: RestCase[] = [
  ...files,
  ...widgetFiles,
  ...widgetSurvey,
  ...chatbotPlatform,
  ...botInbox,
  ...crmInbox,
  ...directChat,
];
