import { randomBytes } from 'node:crypto';
import { builtinResponder } from '../../server/ai/builtin';
import type { Actor } from '../../server/auth/actor';
import { sql } from '../../server/db/client';
import { seedDemoKnowledge } from '../../server/demo/knowledge/seed';
import { withKnowledge } from '../../server/services/bot-turns/context';
import { createChatbot } from '../../server/services/chatbots';
import { indexArticle } from '../../server/services/knowledge/indexing';
import { searchKnowledge } from '../../server/services/knowledge/retrieval';
import { insertUser } from '../../server/services/users';
import { createWorkspace } from '../../server/services/workspaces';
import { EVAL_QUESTIONS, type EvalQuestion } from './questions';
import type { QuestionResult } from './score';

/**
 * Runs the evaluation set against the demo knowledge base with no API key, as a turn would:
 * a fresh workspace whose chatbot answers from the demo help centre (written and indexed by the
 * real services), then per question the retrieval's top 3 (recall@3) and the built-in
 * responder's reply to the question as the customer's only line, its knowledge filled by
 * withKnowledge exactly as a bot turn fills it. Shared by the test floor and the benchmark.
 */
export async function runEvaluation(
  questions: readonly EvalQuestion[] = EVAL_QUESTIONS,
): Promise<QuestionResult[]> {
  const workspace = await createWorkspace(`Knowledge evaluation ${randomBytes(4).toString('hex')}`);
  const admin = await insertUser(workspace.id, {
    name: 'Evaluation admin',
    email: `eval-${randomBytes(4).toString('hex')}@example.com`,
    password: randomBytes(12).toString('hex'),
    role: 'admin',
  });
  const actor: Actor = { userId: admin.id, workspaceId: workspace.id, role: 'admin' };
  const chatbot = await createChatbot(actor, { name: 'Demo Assistant' });
  const articles = await seedDemoKnowledge(actor, chatbot.id);
  // The worker would run these jobs; the evaluation indexes in line, the same function.
  for (const article of articles) await indexArticle(article.id);
  // As autovacuum soon would in any deployment: the search must not rank by statistics that a
  // fresh test database happens not to have (with them, it once fell from 0.98 to 0.56).
  await sql`analyze knowledge_passages`;
  const slugOf = new Map(articles.map((a) => [a.id, a.slug]));

  const results: QuestionResult[] = [];
  for (const question of questions) {
    const hits = await searchKnowledge({
      workspaceId: workspace.id,
      chatbotId: chatbot.id,
      query: question.text,
      limit: 3,
    });
    const request = await withKnowledge({
      chatbot,
      history: [{ role: 'user', content: question.text }],
      variables: {},
      firstMessage: false,
      knowledge: [],
      answersFromKnowledge: false,
    });
    const reply = await builtinResponder.reply(request);
    results.push({
      question,
      retrieved: hits.map((h) => h.slug),
      cited: (reply.sources ?? []).map((s) => slugOf.get(s.articleId) ?? `article ${s.articleId}`),
      handedOff: reply.toolCalls.some((call) => call.name === 'handoff_to_human'),
    });
  }
  return results;
}
