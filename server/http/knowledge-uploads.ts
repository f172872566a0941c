import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/actor';
import { actorOf, json, param, requireAuth } from '../contracts/common/handler';
import { scopedRouter } from '../contracts/common/scoped-router';
import { inputErrorOf, RequestError } from '../errors';
import { bodyText } from '../request/body';
import { parseJsonBody } from '../request/json-text';
import { findCollection } from '../services/knowledge/collections';
import {
  DOCUMENT_MAX_BYTES,
  DocumentFields,
  uploadDocumentBytes,
} from '../services/knowledge/documents';
import { importKnowledge } from '../services/knowledge/transfer';
import { consoleArticle } from '../trpc/presenters/knowledge';

/*
 * A knowledge document sent as its own bytes: `POST /api/knowledge/collections/:id/documents
 * ?fileName=guide.pdf`, the file as the body, and a knowledge file imported the same way
 * (docs/api.md, Knowledge uploads). tRPC carries a
 * file as base64 inside its 1 MB JSON body, which is reached long before the 5 MB a document
 * may be. The console's Bearer token, checked as its tRPC calls are (requireAuth); errors in
 * the `{statusCode, message, error}` body of our other REST routes (the app's error handler).
 */

/** A knowledge file (an export) may be this large: tRPC's 1 MB body holds a small one only. */
export const KNOWLEDGE_FILE_MAX_BYTES = 25 * 1_048_576;

/** What the query says about the file; the collection comes from the path. */
const UploadQuery = DocumentFields.omit({ collectionId: true }).extend({
  fileName: z.string({ error: 'fileName should not be empty' }).trim().min(1).max(255),
});

/**
 * The body's bytes, at most `limit` (a 413 saying what was too large past it: body-parser reads
 * the rest off first). Any Content-Type (text/markdown, application/pdf, application/json...),
 * never inflated, so the limit holds for what is stored.
 */
function bodyBytes(
  req: Request,
  res: Response,
  limit: number,
  tooLarge: string,
): Promise<Uint8Array> {
  const read = express.raw({ type: () => true, limit, inflate: false });
  return new Promise((resolve, reject) =>
    read(req, res, (err?: unknown) => {
      if (err) {
        const input = inputErrorOf(err);
        return reject(
          input instanceof RequestError && input.status === 413
            ? new RequestError(413, tooLarge)
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
    const bytes = await bodyBytes(
      req,
      res,
      DOCUMENT_MAX_BYTES,
      `The document is larger than ${DOCUMENT_MAX_BYTES / 1_048_576} MB, the most a document may be`,
    );
    const article = await uploadDocumentBytes(
      actor,
      { ...fields, collectionId: collection.id },
      bytes,
    );
    return consoleArticle(article);
  }, 201),
);

/**
 * A knowledge file (what `knowledge.export` writes) imported from its own bytes: `POST
 * /api/knowledge/import`, the JSON as the body, up to 25 MB (the tRPC `knowledge.import` takes
 * one up to the 1 MB body every route reads). The same import, in one transaction.
 */
knowledgeUploadsRest.post(
  '/api/knowledge/import',
  json(async (req, res) => {
    const actor = actorOf(res);
    requireRole(actor, 'supervisor');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new RequestError(415, 'Send the knowledge file as application/json');
    }
    const bytes = Buffer.from(
      await bodyBytes(
        req,
        res,
        KNOWLEDGE_FILE_MAX_BYTES,
        `The knowledge file is larger than ${KNOWLEDGE_FILE_MAX_BYTES / 1_048_576} MB, the most a knowledge file may be`,
      ),
    );
    return importKnowledge(actor, parseJsonBody(bodyText(req, bytes), { strict: true }));
  }),
);
