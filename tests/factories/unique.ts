import { randomBytes } from 'node:crypto';

/** A short random suffix that keeps names and emails unique across tests sharing a database. */
export const unique = () => randomBytes(4).toString('hex');
