import { render } from './conversation-log';
import { embed } from './embed';
import { api, HttpError, session, statusOf } from './http';
import { language, t } from './i18n';
import type { Message } from './message';
import { notify, ui } from './shell';
import { follow } from './socket';
import { state } from './state';
import { uploadRefusal } from './upload-refusal';

/** A refusal in the visitor's words (upload-refusal.ts). */
function refusal(status: number, body: unknown): string {
  const said = uploadRefusal(status, body, language);
  return 'text' in said ? said.text : t(said.key);
}

/** An upload the server refused, with the reason to show the visitor. */
class UploadRefused extends HttpError {
  constructor(
    readonly refusal: string,
    status: number,
  ) {
    super(`POST /widget/files: ${status}`, status);
  }
}

/** The file's bytes to the visitor's conversation; its id, or an UploadRefused thrown. */
async function uploadFile(file: File): Promise<string> {
  const res = await fetch(`${embed.server}/widget/files`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${state.token}`,
      'content-type': file.type || 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new UploadRefused(refusal(res.status, body), res.status);
  return body.id;
}

/** The visitor's open conversation, opened when there is none (or the last one ended). */
async function openConversation() {
  const c = await api<{ id: string }>('POST', '/conversations', {
    chatbotId: state.chatbotId,
    externalUserId: state.externalUserId,
    channel: 'WIDGET',
  });
  follow(c.id);
}

interface Sent {
  data: { message: Message; conversation: { id: string } };
}

/**
 * Uploads the chosen file and sends it. A session that ended opens again once; no
 * conversation yet (404) or an ended one (409) opens one once; any other refusal is shown.
 */
export async function attach(file: File) {
  ui.attach.disabled = true;
  notify(t('files.sending', { name: file.name }), true);
  try {
    await session();
    if (!state.conversationId) await openConversation();
    let id: string;
    for (let tries = 0; ; tries++) {
      try {
        id = await uploadFile(file);
        break;
      } catch (err) {
        const status = statusOf(err);
        if (tries > 0 || ![401, 404, 409].includes(status)) throw err;
        if (status === 401) await session(true);
        else await openConversation();
      }
    }
    const res = await api<Sent>('POST', `/widget/files/${id}/send`, {});
    render(res.data.message);
    follow(res.data.conversation.id);
    notify('');
  } catch (err) {
    notify(err instanceof UploadRefused ? err.refusal : t('files.failed'));
  } finally {
    ui.attach.disabled = false;
  }
}
