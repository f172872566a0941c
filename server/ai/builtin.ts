import { detectIntent, smallTalkReply } from './intents';
import { guessLanguage, type Language, languageOf } from './language';
import {
  type KnowledgePassage,
  type Reply,
  type ReplyRequest,
  type Responder,
  sourcesOf,
  unansweredLines,
} from './responder';

export const HANDOFF_TEXT =
  'Let me connect you with a human agent. Someone will be with you shortly.';

const HANDOFF: Record<Language, string> = {
  en: HANDOFF_TEXT,
  pt: 'Vou transferir você para um atendente. Alguém vai falar com você em breve.',
  es: 'Te paso con un agente. Alguien te atenderá en breve.',
};

const NOT_KNOWN: Record<Language, string> = {
  en: "I'm sorry, I don't know the answer to that.",
  pt: 'Desculpe, não sei responder a isso.',
  es: 'Lo siento, no sé la respuesta a eso.',
};

/** The words of a handoff, in the customer's language. */
export function handoffText(language: Language): string {
  return HANDOFF[language];
}

/** What the bot says when no passage answers: it does not know, and a person will. */
export function notKnownText(language: Language): string {
  return `${NOT_KNOWN[language]} ${HANDOFF[language]}`;
}

/**
 * Works with no API key. A request for a person is handed off at once; small talk gets a polite
 * answer (the chatbot's greeting for a first hello); otherwise the best knowledge passage, when
 * it is relevant enough, is the answer and its article the source; else the bot says it does
 * not know and hands off.
 */
export const builtinResponder: Responder = {
  async reply({ chatbot, history, firstMessage, knowledge }: ReplyRequest): Promise<Reply> {
    const asked = unansweredLines(history);
    const language = guessLanguage(asked);
    const intent = detectIntent(asked);
    const greeting = firstMessage && chatbot.greeting ? chatbot.greeting : null;
    if (intent.kind === 'human') {
      return handoff(handoffText(language), 'The customer asked for a person');
    }
    if (intent.kind === 'small-talk') {
      const onlyHello = intent.acts.every((act) => act === 'greeting');
      const text = greeting && onlyHello ? greeting : smallTalkReply(intent.acts, language);
      return { text, toolCalls: [], source: 'builtin' };
    }
    const best = answerFor(knowledge, languageOf(asked));
    if (best) {
      const said = spoken(best.text);
      const text = greeting ? `${greeting}\n\n${said}` : said;
      return { text, toolCalls: [], source: 'builtin', sources: sourcesOf([best]) };
    }
    return handoff(notKnownText(language), 'No answer found in the knowledge base');
  },
};

/**
 * Of hits this close to the best relevant one, a passage in the customer's language is the
 * same topic in their words more often than another topic (the evaluation set's three
 * "translations": a Spanish question answered from the Portuguese article).
 */
const NEAR_BEST = 0.6;

/**
 * The passage to answer with: the best relevant one in the customer's language; when only
 * others are relevant, the best in theirs that scores near them; else the best relevant one
 * (a help centre written in one language still answers every customer).
 */
function answerFor(knowledge: KnowledgePassage[], language: Language | null) {
  const relevant = knowledge.filter((passage) => passage.relevant);
  const best = relevant[0];
  if (!best || !language) return best;
  return (
    relevant.find((p) => p.language === language) ??
    knowledge.find((p) => p.language === language && p.score >= best.score * NEAR_BEST) ??
    best
  );
}

/**
 * A passage as said to the customer: an FAQ article (migration 0020, server/services/knowledge/
 * faq.ts) ends with a "Keywords: …" line so its keywords are still searched; it is not said.
 */
const spoken = (text: string) => text.replace(/\n\nKeywords: [^\n]*$/, '').trim();

function handoff(text: string, reason: string): Reply {
  return { text, toolCalls: [{ name: 'handoff_to_human', reason }], source: 'builtin' };
}
