/**
 * The bot inbox for operators, seed 002 (../shared/seeds/002_163c3a50726f0d39.txt): camelCase,
 * cursor pages under `/api/conversations` (takeover, release, messages, end, variables).
 */
export { botInboxRest } from './routes';
