import { writeFile } from 'node:fs/promises';
import { config } from '../config';
import { closeDb, connectDb, sql } from '../db/client';
import { AppError } from '../errors';
import { logger } from '../logger';
import { junitXml } from '../services/bot-tests/junit';
import { runAndStore } from '../services/bot-tests/runs';
import { exitCodeOf, parseBotTestArgs, reportLines, USAGE } from './bot-test-options';
import { databaseUrlOf, findChatbotAnywhere, NoDatabase } from './database';

/*
 * `npm run bot:test -- --chatbot <id-or-uuid> [--junit <file>] [--case <id>]...`: runs a
 * chatbot's test suite against its current draft, as the console's Tests tab does, stores the
 * run (source 'cli'), prints a line per case and writes JUnit XML for CI (docs/bot-tests.md).
 * Exit codes: 0 every case passed or was skipped, 1 a case failed or errored, 2 the suite could
 * not be run (a usage error, no such chatbot or case, no database).
 */

class Usage extends Error {}

async function main(argv: string[]): Promise<number> {
  const options = parseBotTestArgs(argv);
  if ('error' in options) throw new Usage(`${options.error}\n${USAGE}`);
  // The report is the output: the product's info logs would interleave with it on stdout.
  if (!process.env.LOG_LEVEL) logger.level = 'warn';

  connectDb(databaseUrlOf(config), { max: 2 });
  try {
    await sql`select 1`;
  } catch (err) {
    throw new NoDatabase(
      `cannot reach the database (${(err as Error).message}): start the product first (npm start) or set DATABASE_URL`,
    );
  }
  const chatbot = await findChatbotAnywhere(options.chatbot);
  if (!chatbot) throw new Usage(`chatbot '${options.chatbot}' not found`);

  const detail = await runAndStore(chatbot.workspaceId, chatbot, {
    caseIds: options.caseIds.length ? options.caseIds : undefined,
    source: 'cli',
    startedBy: null,
  });
  console.log(`Bot tests of ${chatbot.name} (draft)`);
  for (const line of reportLines(detail)) console.log(line);
  if (options.junit) await writeFile(options.junit, junitXml(chatbot, detail.run, detail.results));
  return exitCodeOf(detail);
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (err) {
  // A case id not in the suite is a usage error like an unknown chatbot; anything else is
  // reported as it is, and the suite counts as not run.
  const known = err instanceof Usage || err instanceof NoDatabase || err instanceof AppError;
  console.error(
    `bot:test: ${known ? (err as Error).message : String((err as Error).stack ?? err)}`,
  );
  code = 2;
}
await closeDb();
process.exit(code);
