import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/actor';
import { actorOf, json, param, requireAuth } from '../contracts/common/handler';
import { scopedRouter } from '../contracts/common/scoped-router';
import { inputErrorOf, RequestError } from '../errors';
import { findCollection } from '../services/knowledge/collections';
import {
  DOCUMENT_MAX_BYTES,
  DocumentFields,
  uploadDocumentBytes,
} from '../services/knowledge/documents';
import { consoleArticle } from '../trpc/presenters/knowledge';

/*
 * A knowledge document sent as its own bytes: `POST /api/knowledge/collections/:id/documents
 * ?fileName=guide.pdf`, the file as the body (docs/api.md, Knowledge uploads). tRPC carries a
 * file as base64 inside its 1 MB JSON body, which is reached long before the 5 MB a document
 * may be. The console's Bearer token, checked as its tRPC calls are (requireAuth); errors in
 * the `{statusCode, message, error}` body of our other REST routes (the app's error handler).
 */

const TOO_LARGE = `The document is larger than ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB, the most a document may be`;

/** What the query says about the file; the collection comes from the path. */
const UploadQuery = DocumentFields.omit({ collectionId: true }).extend({
  fileName: z.string({ error: 'fileName should not be empty' }).trim().min(1).max(255),
});

// Every Content-Type is a file's (text/markdown, application/pdf, application/octet-stream...);
// no inflating, so the limit holds for what is stored.
const readBytes = express.raw({ type: () => true, limit: DOCUMENT_MAX_BYTES, inflate: false });

/** The body's bytes, at most DOCUMENT_MAX_BYTES (a 413 past it: body-parser reads the rest off first). */
function fileBytes(req: Request, res: Response): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    readBytes(req, res, (err?: unknown) => {
      if (err) {
        const input = inputErrorOf(err);
        return reject(
          input instanceof RequestError && input.status === 413
            ? new RequestError(413, TOO_LARGE)
            : (input ?? err),
        );
      }
      resolve(Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array());
    }),
  );
}

export const knowledgeUploadsRest = scopedRouter('/api/knowledge');
knowledgeUploadsRest.use(requireAuth);

knowledgeUploadsRest.post(
  '/api/knowledge/collections/:id/documents',
  json(async (req, res) => {
    const actor = actorOf(res);
    // Who, what and where before a byte is read: an agent's or a stranger's 5 MB is not parsed.
    requireRole(actor, 'supervisor');
    const fields = UploadQuery.parse(req.query);
    const collection = await findCollection(actor.workspaceId, param(req, 'id'));
    if (/^multipart\//i.test(req.headers['content-type'] ?? '')) {
      throw new RequestError(415, "Send the file's bytes as the body, not a multipart form");
    }
    const bytes = await fileBytes(req, res);
    const article = await uploadDocumentBytes(
      actor,
      { ...fields, collectionId: collection.id },
      bytes,
    );
    return consoleArticle(article);
  }, 201),
);
