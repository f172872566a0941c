import { z } from 'zod';

/** Letters, digits, - and _: what follows the `/` the agent types, so no spaces or slashes. */
export const SHORTCUT = /^[A-Za-z0-9_-]{1,50}$/;

const shortcut = z
  .string()
  .trim()
  .regex(SHORTCUT, 'shortcut must be 1 to 50 letters, digits, - or _');
const title = z
  .string()
  .trim()
  .min(1, 'title should not be empty')
  .max(200, 'title must be at most 200 characters');
const body = z
  .string()
  .trim()
  .min(1, 'body should not be empty')
  .max(5000, 'body must be at most 5000 characters');

/** personal: the caller's own; shared: the whole workspace's (supervisors and admins). */
export const CANNED_SCOPES = ['personal', 'shared'] as const;
export type CannedScope = (typeof CANNED_SCOPES)[number];

export const CreateCannedInput = z.object({
  scope: z.enum(CANNED_SCOPES).default('personal'),
  shortcut,
  title,
  body,
});

/** The scope is fixed at creation: moving a reply between scopes is a delete and a create. */
export const UpdateCannedInput = z.object({
  shortcut: shortcut.optional(),
  title: title.optional(),
  body: body.optional(),
});

export const ListCannedInput = z.object({
  /** A prefix of a shortcut (with or without its `/`), or words of a title or body. */
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(200).default(200),
});
