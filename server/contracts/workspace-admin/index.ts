/**
 * Our own REST for logging in and administering a workspace (no seed; documented in
 * docs/api.md): `/auth`, `/users`, `/chatbots`. Errors in seed 000's `{statusCode, message,
 * error}` format, like the seeds' routes beside it.
 */
export { authRest } from './auth';
export { chatbotsRest } from './chatbots';
export { usersRest } from './users';
