import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_MESSAGES,
  type CustomerMessageKey,
  customerMessage,
} from '../shared/i18n/customer-messages';
import { LOCALES } from '../shared/i18n/locales';
import { menu, run, text } from './helpers/flow-step';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(CUSTOMER_MESSAGES.en).sort() as CustomerMessageKey[];

describe("the customer messages' catalogue (shared/i18n/customer-messages.ts)", () => {
  it.each(LOCALES)('%s has every key of English, none other, none empty', (locale) => {
    const catalogue = CUSTOMER_MESSAGES[locale];
    expect(Object.keys(catalogue).sort()).toEqual(keys);
    for (const key of keys) expect(catalogue[key].trim(), `${locale}.${key}`).not.toBe('');
  });

  it.each(LOCALES)('%s fills the same placeholders as English', (locale) => {
    for (const key of keys) {
      expect(placeholders(CUSTOMER_MESSAGES[locale][key]), `${locale}.${key}`).toEqual(
        placeholders(CUSTOMER_MESSAGES.en[key]),
      );
    }
  });

  it.each(LOCALES)(
    "%s's survey fits a WhatsApp list (rows of 24 characters, a button of 20)",
    (locale) => {
      const m = CUSTOMER_MESSAGES[locale];
      expect(Array.from(m.csatButton).length).toBeLessThanOrEqual(20);
      for (const key of [
        'csatRating1',
        'csatRating2',
        'csatRating3',
        'csatRating4',
        'csatRating5',
      ] as const)
        expect(Array.from(m[key]).length, `${locale}.${key}`).toBeLessThanOrEqual(24);
    },
  );

  it("is said in the chatbot's language, English for an unknown one, placeholders filled", () => {
    expect(customerMessage('pt-BR', 'flowRetry')).toBe('Desculpe, não entendi.');
    expect(customerMessage('es', 'csatButton')).toBe('Valorar');
    expect(customerMessage('fr', 'csatButton')).toBe('Rate');
    expect(customerMessage(null, 'fallback')).toBe(CUSTOMER_MESSAGES.en.fallback);
    expect(customerMessage('es', 'idleClosed', { hours: 2 })).toBe(
      'Esta conversación se cerró después de 2 hora(s) sin actividad.',
    );
  });
});

describe("the flow engine's default retry", () => {
  const ask = {
    id: 'q',
    kind: 'ask',
    prompt: 'Your choice?',
    variable: 'c',
    input: 'choice',
    choices: menu,
    maxRetries: 1,
    next: 'done',
  };
  const done = { id: 'done', kind: 'end' };
  const at = { nodeId: 'q', state: { waiting: true, retries: 0 }, messages: [text('xyz')] };

  it.each([
    ['pt-BR', 'Desculpe, não entendi.'],
    ['es', 'Lo siento, no lo entendí.'],
    ['en', "Sorry, I didn't understand that."],
  ])("is said in the chatbot's language (%s)", (language, said) => {
    const again = run([ask, done], { ...at, language });
    expect(again.messages[0]).toEqual({ type: 'text', content: { text: said } });
  });

  it('is English for a chatbot without a language', () => {
    expect(run([ask, done], at).messages[0]).toEqual({
      type: 'text',
      content: { text: "Sorry, I didn't understand that." },
    });
  });
});
