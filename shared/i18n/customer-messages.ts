import { isLocale, type Locale } from './locales';

/**
 * What the system itself says to customers, in the chatbot's language (chatbots.language): the
 * bot's fallback, the flow engine's default retry, the satisfaction survey on WhatsApp. Typed
 * so that every language has every key (tests/customer-messages.test.ts also refuses an empty
 * one, or a `{name}` placeholder one language lacks). Kept to what a channel can carry: a
 * WhatsApp list row's title holds 24 characters, its button 20.
 */
export type CustomerMessageKey =
  | 'fallback'
  | 'flowRetry'
  | 'idleClosed'
  | 'csatQuestion'
  | 'csatButton'
  | 'csatRating1'
  | 'csatRating2'
  | 'csatRating3'
  | 'csatRating4'
  | 'csatRating5'
  | 'csatThanks'
  | 'csatCommentThanks';

export const CUSTOMER_MESSAGES: Record<Locale, Record<CustomerMessageKey, string>> = {
  en: {
    fallback:
      "Sorry, I'm having trouble answering right now. A human agent will continue this conversation.",
    flowRetry: "Sorry, I didn't understand that.",
    idleClosed: 'This conversation was closed after {hours} hour(s) without activity.',
    csatQuestion:
      'How would you rate the help you got? Choose from 1 (very poor) to 5 (excellent).',
    csatButton: 'Rate',
    csatRating1: '1 · Very poor',
    csatRating2: '2 · Poor',
    csatRating3: '3 · Okay',
    csatRating4: '4 · Good',
    csatRating5: '5 · Excellent',
    csatThanks:
      'Thank you for your rating! If you want to tell us more, reply with a comment within 15 minutes.',
    csatCommentThanks: 'Thank you, we have your comment.',
  },
  'pt-BR': {
    fallback:
      'Desculpe, estou com dificuldade para responder agora. Um atendente humano vai continuar esta conversa.',
    flowRetry: 'Desculpe, não entendi.',
    idleClosed: 'Esta conversa foi encerrada após {hours} hora(s) sem atividade.',
    csatQuestion: 'Como você avalia o atendimento? Escolha de 1 (muito ruim) a 5 (excelente).',
    csatButton: 'Avaliar',
    csatRating1: '1 · Muito ruim',
    csatRating2: '2 · Ruim',
    csatRating3: '3 · Regular',
    csatRating4: '4 · Bom',
    csatRating5: '5 · Excelente',
    csatThanks:
      'Obrigado pela sua avaliação! Se quiser contar mais, responda com um comentário em até 15 minutos.',
    csatCommentThanks: 'Obrigado, recebemos o seu comentário.',
  },
  es: {
    fallback:
      'Lo siento, ahora tengo problemas para responder. Un agente humano continuará esta conversación.',
    flowRetry: 'Lo siento, no lo entendí.',
    idleClosed: 'Esta conversación se cerró después de {hours} hora(s) sin actividad.',
    csatQuestion: '¿Cómo valoras la ayuda que recibiste? Elige de 1 (muy mala) a 5 (excelente).',
    csatButton: 'Valorar',
    csatRating1: '1 · Muy mala',
    csatRating2: '2 · Mala',
    csatRating3: '3 · Regular',
    csatRating4: '4 · Buena',
    csatRating5: '5 · Excelente',
    csatThanks:
      '¡Gracias por tu valoración! Si quieres contarnos más, responde con un comentario en 15 minutos.',
    csatCommentThanks: 'Gracias, recibimos tu comentario.',
  },
};

/**
 * The message in `language` (an unknown or missing one is English: a row from before the
 * column, a bad value), its `{name}` placeholders filled from `values`.
 */
export function customerMessage(
  language: string | null | undefined,
  key: CustomerMessageKey,
  values: Record<string, string | number> = {},
): string {
  const text = CUSTOMER_MESSAGES[isLocale(language) ? language : 'en'][key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in values ? String(values[name]) : m,
  );
}
