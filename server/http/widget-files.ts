import { presentAccepted } from '../contracts/chatbot-platform/present';
import { callerOf, requireCaller, widgetCors } from '../contracts/chatbot-platform/widget-session';
import { json, param } from '../contracts/common/handler';
import { scopedRouter } from '../contracts/common/scoped-router';
import { notFound, RequestError } from '../errors';
import { jsonBody } from '../request/body';
import {
  conversationForVisitorUpload,
  sendVisitorFile,
  uploadVisitorFile,
  widgetCallerOf,
} from '../services/widget-files';
import { fileBytes, headerFileName } from './files';

/*
 * A widget visitor's files (docs/agent-workspace.md, Files), with the widget's session token:
 * - `POST /widget/files`: the file's bytes as the body, its name in `X-File-Name`. It goes into
 *   the visitor's latest conversation with the session's chatbot. Answers `201 {id,
 *   contentType, byteSize, fileName}`.
 * - `POST /widget/files/:id/send` `{caption?}`: the upload sent as the visitor's media message;
 *   `202` with seed 001's send answer (the message's `payload` carries a signed link).
 * Mounted before the JSON reader: an upload's body is a file, past its 1 MB.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const widgetFilesRest = scopedRouter('/widget/files');
widgetFilesRest.use(widgetCors);

widgetFilesRest.post(
  '/widget/files',
  requireCaller,
  json(async (req, res) => {
    // Who, what and where before a byte is read: a stranger's 25 MB is not read.
    const caller = widgetCallerOf(callerOf(res));
    const fileName = headerFileName(req);
    const c = await conversationForVisitorUpload(caller);
    if (/^multipart\//i.test(req.headers['content-type'] ?? '')) {
      throw new RequestError(415, "Send the file's bytes as the body, not a multipart form");
    }
    const a = await uploadVisitorFile(c, fileName, await fileBytes(req, res));
    return { id: a.uuid, contentType: a.contentType, byteSize: a.byteSize, fileName: a.fileName };
  }, 201),
);

widgetFilesRest.post(
  '/widget/files/:id/send',
  jsonBody,
  requireCaller,
  json(async (req, res) => {
    const caller = widgetCallerOf(callerOf(res));
    const id = param(req, 'id').toLowerCase();
    if (!UUID.test(id)) throw notFound('File');
    return presentAccepted(await sendVisitorFile(caller, id, req.body ?? {}));
  }, 202),
);
