import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll } from 'vitest';
import { config } from '../../server/config';
import type { Conversation } from '../../server/db/schema';
import { conversationRow, inboxWorkspace } from './inbox';
import { api, serverForThisFile } from './server';

/** A widget visitor who has said hello: their session and their conversation. */
export interface WidgetVisitor {
  token: string;
  externalUserId: string;
  conversation: Conversation;
}

/** The widget's file requests (and an agent's upload) against one test server. */
export function widgetFileRequests(srv: { readonly url: string }) {
  return {
    /** A new widget visitor of `bot` who has said hello. */
    async newVisitor(bot: { id: string; publicKey: string }): Promise<WidgetVisitor> {
      const session = await api(srv.url, 'POST', '/widget/session', {
        body: { publicKey: bot.publicKey },
      });
      if (session.status !== 201) throw new Error(`widget session: ${session.status}`);
      const { token, externalUserId } = session.body;
      const sent = await api(srv.url, 'POST', '/messages/send', {
        token,
        body: {
          chatbotId: bot.id,
          externalUserId,
          content: 'Hello, I have a photo of the problem',
        },
      });
      if (sent.status !== 202) throw new Error(`hello: ${sent.status}`);
      return {
        token,
        externalUserId,
        conversation: await conversationRow(sent.body.data.conversation.id),
      };
    },

    async upload(token: string | undefined, body: Uint8Array, fileName = 'photo.png') {
      const res = await fetch(`${srv.url}/widget/files`, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/octet-stream',
          'x-file-name': encodeURIComponent(fileName),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: new Uint8Array(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it was answered
      return { status: res.status, body: (await res.json()) as any };
    },

    send: (token: string, id: string, body: Record<string, unknown> = {}) =>
      api(srv.url, 'POST', `/widget/files/${id}/send`, { token, body }),

    /** An agent's upload into conversation `c` (POST /console/files): its id. */
    async agentUpload(agentToken: string, c: Conversation, body: Uint8Array, fileName: string) {
      const res = await fetch(`${srv.url}/console/files?conversationId=${c.uuid}`, {
        method: 'POST',
        headers: { 'x-file-name': fileName, authorization: `Bearer ${agentToken}` },
        body: new Uint8Array(body),
      });
      if (res.status !== 201) throw new Error(`agent upload: ${res.status}`);
      return ((await res.json()) as { id: string }).id;
    },
  };
}

/**
 * A test file's setup for the widget's files: its own file store, the test server, a workspace
 * whose bot has its AI off, and Ana, a visitor who has said hello (both made before the tests).
 */
export function widgetFileTestbed(name: string) {
  // This file's files, not the repository's .data/ (the store is chosen on first use).
  config.dataDir = mkdtempSync(path.join(tmpdir(), `${name}-`));
  const srv = serverForThisFile();
  const files = widgetFileRequests(srv);
  let ws: Awaited<ReturnType<typeof inboxWorkspace>> | undefined;
  let ana: WidgetVisitor | undefined;
  beforeAll(async () => {
    ws = await inboxWorkspace({ aiEnabled: false });
    ana = await files.newVisitor(ws.bot);
  });
  return {
    srv,
    upload: files.upload,
    send: files.send,
    get ws() {
      return ws!;
    },
    get ana() {
      return ana!;
    },
    newVisitor: (bot?: { id: string; publicKey: string }) => files.newVisitor(bot ?? ws!.bot),
    /** An upload by the workspace's agent into `c`. */
    agentUpload: (c: Conversation, body: Uint8Array, fileName: string) =>
      files.agentUpload(ws!.token, c, body, fileName),
  };
}
