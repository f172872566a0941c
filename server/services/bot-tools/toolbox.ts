import type { Toolbox } from '../../ai/custom-tools';
import type { ReplyRequest } from '../../ai/responder';
import { type DbOrTx, db } from '../../db/client';
import type { ChatbotTool } from '../../db/schema';
import { logger } from '../../logger';
import { callHttpTool } from './http-call';
import { enabledTools } from './tools';

const log = logger.child({ component: 'bot-tools' });

/**
 * A chatbot's tools for one turn. Read when the responder first asks (the built-in responder
 * never does, so a turn without a model costs no query), then kept for the turn's rounds.
 */
export function toolboxFor(chatbotId: number, tx: DbOrTx = db): Toolbox {
  let loaded: Promise<ChatbotTool[]> | undefined;
  const tools = () => {
    loaded ??= enabledTools(chatbotId, tx);
    return loaded;
  };
  return {
    async list() {
      return (await tools()).map((t) => ({
        name: t.name,
        description: t.description,
        parameters: t.parameters,
      }));
    },
    async call(name, args, signal) {
      const tool = (await tools()).find((t) => t.name === name);
      if (!tool)
        return {
          result: { ok: false, error: 'unknown_tool', message: `There is no tool ${name}` },
          activity: { tool: name, status: 'error', durationMs: 0, errorCode: 'unknown_tool' },
        };
      const outcome = await callHttpTool(tool, args, signal);
      // The outcome's activity carries no argument, URL, header or response: safe to log.
      log.info({ chatbotId, ...outcome.activity }, 'bot tool called');
      return outcome;
    },
  };
}

/**
 * The request with its chatbot's tools, for the responder to offer the model. `enabled`: whether
 * it has any, when the turn's context already said (none: nothing to read or offer).
 */
export function withTools(request: ReplyRequest, enabled = true, tx: DbOrTx = db): ReplyRequest {
  return enabled ? { ...request, tools: toolboxFor(request.chatbot.id, tx) } : request;
}
