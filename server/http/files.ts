import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/actor';
import { config } from '../config';
import { actorOf, json, param, requireAuth } from '../contracts/common/handler';
import { scopedRouter } from '../contracts/common/scoped-router';
import { AppError, inputErrorOf, notFound, RequestError } from '../errors';
import {
  conversationForUpload,
  openAttachment,
  tooLarge,
  uploadAttachment,
} from '../services/files/attachments';
import { isImage } from '../services/files/content-type';
import { verifyFileLink } from '../services/files/signed-links';

/*
 * Files (docs/agent-workspace.md, Files):
 * - `POST /console/files?conversationId=<id|uuid>`: an agent's file as the raw body (past the
 *   JSON reader's 1 MB, as the knowledge upload route does), its name in `X-File-Name`; the
 *   console's Bearer token. Answers `{id, contentType, byteSize, fileName}`; a media message
 *   then sends it.
 * - `GET /files/<uuid>?exp=&sig=`: the bytes behind a signed link. No Bearer header (an <img>
 *   cannot send one): the signature is the permission, minted only for those who may see the
 *   conversation. Mounted before the console's pages, so a browser's navigation to a download
 *   gets the file, not the app.
 */

const UploadQuery = z.object({
  conversationId: z.string({ error: 'conversationId should not be empty' }).trim().min(1).max(64),
});

const FileName = z
  .string({ error: 'X-File-Name should not be empty' })
  .trim()
  .min(1, 'X-File-Name should not be empty')
  .max(1024, 'X-File-Name must be shorter than or equal to 1024 characters');

/** The body's bytes, at most FILES_MAX_BYTES (a 413 past it: body-parser reads the rest off first). */
export function fileBytes(req: Request, res: Response): Promise<Uint8Array> {
  // Every Content-Type is a file's; no inflating, so the limit holds for what is stored.
  const readBytes = express.raw({
    type: () => true,
    limit: config.FILES_MAX_BYTES,
    inflate: false,
  });
  return new Promise((resolve, reject) =>
    readBytes(req, res, (err?: unknown) => {
      if (err) {
        const input = inputErrorOf(err);
        return reject(
          input instanceof RequestError && input.status === 413 ? tooLarge() : (input ?? err),
        );
      }
      resolve(Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array());
    }),
  );
}

/** A name as sent in X-File-Name: percent-encoded UTF-8 (headers are Latin-1), or as is. */
export function headerFileName(req: Request): string {
  const raw = FileName.parse(req.headers['x-file-name']);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export const filesRest = scopedRouter('/console/files', '/files');

filesRest.post(
  '/console/files',
  requireAuth,
  json(async (req, res) => {
    const actor = actorOf(res);
    requireRole(actor, 'agent');
    // Who, what and where before a byte is read: a stranger's 25 MB is not read.
    const { conversationId } = UploadQuery.parse(req.query);
    const fileName = headerFileName(req);
    const c = await conversationForUpload(actor, conversationId);
    if (/^multipart\//i.test(req.headers['content-type'] ?? '')) {
      throw new RequestError(415, "Send the file's bytes as the body, not a multipart form");
    }
    const a = await uploadAttachment(actor, c, fileName, await fileBytes(req, res));
    return { id: a.uuid, contentType: a.contentType, byteSize: a.byteSize, fileName: a.fileName };
  }, 201),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 6266: an ASCII fallback and the UTF-8 name (the stored name has no quotes or controls). */
function disposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

filesRest.get('/files/:uuid', async (req, res) => {
  const uuid = param(req, 'uuid').toLowerCase();
  if (!UUID.test(uuid)) throw notFound('File');
  if (!verifyFileLink(uuid, req.query.exp, req.query.sig)) {
    throw new AppError('FORBIDDEN', 'This link is not valid or has expired');
  }
  const { attachment: a, body } = await openAttachment(uuid);
  res.status(200);
  res.setHeader('Content-Type', a.contentType);
  res.setHeader('Content-Length', String(a.byteSize));
  res.setHeader(
    'Content-Disposition',
    disposition(isImage(a.contentType) ? 'inline' : 'attachment', a.fileName),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // A file never runs as a page of ours: no scripts, no forms, no same-origin.
  res.setHeader(
    'Content-Security-Policy',
    "sandbox; default-src 'none'; img-src 'self'; media-src 'self'",
  );
  // The link expires; a shared cache must not keep serving it.
  res.setHeader('Cache-Control', 'private, max-age=300');
  await pipeline(body, res);
});
