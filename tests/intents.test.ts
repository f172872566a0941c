import { describe, expect, it } from 'vitest';
import { detectIntent, smallTalkReply } from '../server/ai/intents';
import { guessLanguage } from '../server/ai/language';

const kind = (text: string) => detectIntent(text).kind;

describe('a request for a person', () => {
  it.each([
    'I need a human',
    'can I talk to an agent',
    'Can I speak with a real person?',
    'is there a human I can talk to?',
    'HUMAN!!',
    'I ned a humman', // typos
    'quero falar com um atendente',
    'falar com uma pessoa',
    'Me passa para um atendente',
    'Quero falar com um atendete, por favor',
    'atendente por favor',
    'quiero hablar con un agente',
    'pasame con una persona',
    'Necesito hablar con alguien',
    'QUIERO HABLAR CON UN ÁGENTE', // accents and case
  ])('hands off on %j', (text) => {
    expect(kind(text)).toBe('human');
  });

  it('wins over whatever else the message says', () => {
    expect(kind('I need a human please, my payment failed twice')).toBe('human');
    expect(kind('Oi! Meu pedido não chegou, quero falar com um atendente')).toBe('human');
    expect(kind('hi\nthanks\ncan I talk to an agent')).toBe('human');
  });

  it.each([
    'the agent was rude to me',
    "I don't want to talk to a human, just tell me the price",
    'não quero falar com atendente, só quero o preço',
    'quero saber o horário de atendimento',
    'what are your chat support hours?',
    'se puede pagar en efectivo', // "pagar" is one letter from "pasar", "efectivo" two from "ejecutivo"
    'my tv is broken',
  ])('does not hand off on %j', (text) => {
    expect(kind(text)).not.toBe('human');
  });
});

describe('small talk', () => {
  it.each([
    ['great, thanks!', ['ack', 'thanks']],
    ['Thank you so much, bye!', ['thanks', 'goodbye']],
    ['thnaks!!', ['thanks']],
    ['Obrigado pela ajuda!', ['thanks']],
    ['valeu', ['thanks']],
    ['Muchas gracias por todo', ['thanks']],
    ['hello?', ['greeting']],
    ['Oii', ['greeting']],
    ['bom dia', ['greeting']],
    ['e aí, tudo bem?', ['greeting']],
    ['Buenas tardes', ['greeting']],
    ['ok', ['ack']],
    ['Okkk', ['ack']],
    ['tchau', ['goodbye']],
    ['hasta luego', ['goodbye']],
  ])('%j is small talk', (text, acts) => {
    expect(detectIntent(text)).toEqual({ kind: 'small-talk', acts });
  });

  it.each([
    'hi, what are your opening hours?',
    'thanks, and how do I cancel my order?',
    'tá caro', // one letter from "claro"
    'hola, ¿cuánto cuesta el envío?',
  ])('%j is a question', (text) => {
    expect(kind(text)).toBe('question');
  });

  it('gets a polite reply in the customer’s language', () => {
    expect(smallTalkReply(['ack', 'thanks'], 'en')).toMatch(/welcome/i);
    expect(smallTalkReply(['thanks', 'goodbye'], 'pt')).toBe('Por nada! Tenha um ótimo dia.');
    expect(smallTalkReply(['greeting'], 'es')).toBe('¡Hola! ¿En qué puedo ayudarte?');
    expect(smallTalkReply(['goodbye'], 'en')).toMatch(/goodbye/i);
  });
});

describe('the customer’s language', () => {
  it.each([
    ['qual o prazo de entrega?', 'pt'],
    ['Meu pedido não chegou', 'pt'],
    ['e aí, tudo bem?', 'pt'],
    ['aceitam boleto', 'pt'],
    ['quem ganhou o jogo do flamengo ontem', 'pt'],
    ['cómo se prepara una paella', 'es'],
    ['hay aplicacion para android?', 'es'],
    ['¿Cuánto cuesta el envío?', 'es'],
    ['Necesito cambiar mi contraseña', 'es'],
    ['How do I reset my password?', 'en'],
    ['My order has not arrived', 'en'],
  ])('%j is %s', (text, language) => {
    expect(guessLanguage(text)).toBe(language);
  });

  it('falls back when nothing tells the languages apart', () => {
    expect(guessLanguage('4711', 'pt')).toBe('pt');
    expect(guessLanguage('')).toBe('en');
  });
});
