/**
 * The demo workspace's conversations: one in each state an agent meets (the bot answering,
 * waiting for an agent after a handoff, assigned, paused, ended, WhatsApp with its 24-hour
 * window open), in Portuguese, Spanish and English. Times are minutes before the first start.
 */

export type DemoAgent = 'ana' | 'bruno';
export type DemoPerson = DemoAgent | 'admin';

export type DemoStep =
  /** The customer writes. */
  | { at: number; customer: string }
  /** The bot answers (as it saved its replies: no turn is left open). */
  | { at: number; bot: string }
  /** An agent replies from the console. */
  | { at: number; agent: DemoAgent; text: string }
  /** The bot hands the conversation to people, with its reason. */
  | { at: number; handoff: string }
  /** Someone assigns it to an agent. */
  | { at: number; assign: DemoAgent; by: DemoPerson }
  /** An agent takes it over from the bot: paused, the bot silent. */
  | { at: number; takeover: DemoAgent }
  /** A private note on the thread. */
  | { at: number; note: string; by: DemoPerson }
  /** An agent ends it. */
  | { at: number; end: DemoAgent }
  /** The customer answers the satisfaction survey the end asked. */
  | { at: number; rating: 1 | 2 | 3 | 4 | 5; comment?: string };

export interface DemoConversation {
  /** What the scenario shows (tests and docs name them by it). */
  state: 'bot' | 'waiting' | 'assigned' | 'paused' | 'ended' | 'whatsapp';
  channel: 'WIDGET' | 'WHATSAPP_CLOUD';
  externalUserId: string;
  name: string;
  phoneNumber?: string;
  steps: DemoStep[];
}

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    state: 'bot',
    channel: 'WIDGET',
    externalUserId: 'demo-visitor-emily',
    name: 'Emily Carter',
    steps: [
      { at: 14, customer: 'Hi! Which plan do I need to watch on two TVs at the same time?' },
      {
        at: 14,
        bot: 'Hi Emily! The Family plan streams on up to 3 screens at once, the Basic plan on 1. You can upgrade any time from your account page.',
      },
      { at: 12, customer: 'And can I pay with PayPal?' },
      {
        at: 12,
        bot: 'Yes: PayPal, credit cards and bank transfer are all accepted. The payment page is under Account → Billing.',
      },
    ],
  },
  {
    state: 'waiting',
    channel: 'WIDGET',
    externalUserId: 'demo-visitor-lucia',
    name: 'Lucía Fernández',
    steps: [
      { at: 31, customer: 'Hola, me cobraron dos veces la mensualidad de noviembre.' },
      {
        at: 31,
        bot: 'Lo siento, Lucía. Para revisar un cobro duplicado necesito pasarte con una persona del equipo de facturación.',
      },
      { at: 30, handoff: 'Double charge on the November invoice: a refund needs a person' },
      { at: 26, customer: '¿Tardará mucho? Necesito el reembolso esta semana.' },
    ],
  },
  {
    state: 'assigned',
    channel: 'WIDGET',
    externalUserId: 'demo-visitor-beatriz',
    name: 'Beatriz Costa',
    steps: [
      { at: 58, customer: 'Oi, o aplicativo fica travando na Smart TV desde ontem.' },
      {
        at: 58,
        bot: 'Que chato, Beatriz! Já tentou desligar a TV da tomada por 30 segundos e abrir o app de novo?',
      },
      { at: 55, customer: 'Já tentei, continua travando. Quero falar com alguém.' },
      { at: 55, handoff: 'The customer asked for a person' },
      { at: 50, assign: 'ana', by: 'admin' },
      {
        at: 48,
        agent: 'ana',
        text: 'Oi Beatriz, aqui é a Ana. Qual é o modelo da sua TV e a versão do aplicativo?',
      },
      { at: 44, customer: 'Samsung 2019, versão 4.2.1.' },
      {
        at: 43,
        note: 'Samsung 2019 + app 4.2.1: the known freeze, fixed in 4.3. Asking her to update.',
        by: 'ana',
      },
    ],
  },
  {
    state: 'paused',
    channel: 'WIDGET',
    externalUserId: 'demo-visitor-daniel',
    name: 'Daniel Brooks',
    steps: [
      { at: 95, customer: 'I want to cancel my subscription.' },
      {
        at: 95,
        bot: 'Sorry to see you go, Daniel. Can you tell me why you would like to cancel?',
      },
      { at: 93, customer: 'Too expensive since the price change.' },
      { at: 92, takeover: 'bruno' },
      {
        at: 91,
        agent: 'bruno',
        text: 'Hi Daniel, Bruno here. Before you go: I can move you to the Basic plan at half the price, keeping your profiles. Would that help?',
      },
      { at: 80, customer: 'Let me think about it and come back tomorrow.' },
      {
        at: 79,
        note: 'Offered Basic at 50%. Follow up tomorrow if he does not write.',
        by: 'bruno',
      },
    ],
  },
  {
    state: 'ended',
    channel: 'WHATSAPP_CLOUD',
    externalUserId: '5511999990002',
    name: 'Maria Santos',
    phoneNumber: '5511999990002',
    steps: [
      { at: 300, customer: 'Bom dia! Como faço para mudar a senha da minha conta?' },
      {
        at: 300,
        bot: 'Bom dia, Maria! Abra Conta → Segurança → Mudar senha. Você recebe um código por e-mail para confirmar.',
      },
      { at: 296, customer: 'Não recebi o código.' },
      { at: 295, handoff: 'The password code e-mail did not arrive' },
      { at: 290, assign: 'ana', by: 'admin' },
      { at: 284, customer: 'Agora chegou, consegui mudar. Obrigada!' },
      { at: 282, end: 'ana' },
      { at: 281, rating: 5, comment: 'A Ana resolveu rapidinho, obrigada!' },
    ],
  },
  {
    state: 'ended',
    channel: 'WIDGET',
    externalUserId: 'demo-visitor-carlos',
    name: 'Carlos Ruiz',
    steps: [
      { at: 1500, customer: '¿Puedo descargar películas para verlas sin conexión?' },
      {
        at: 1500,
        bot: 'Sí, Carlos: en la app del móvil toca el icono de descarga junto al título. Las descargas duran 30 días.',
      },
      { at: 1497, customer: 'No me aparece el icono en mi tablet.' },
      { at: 1496, handoff: 'The download icon does not show on the customer’s tablet' },
      { at: 1490, assign: 'bruno', by: 'admin' },
      {
        at: 1488,
        agent: 'bruno',
        text: 'Hola Carlos, soy Bruno. Las descargas necesitan la versión 5 de la app: actualízala desde la tienda y el icono aparecerá.',
      },
      { at: 1480, customer: 'Listo, ya aparece. Gracias.' },
      { at: 1479, end: 'bruno' },
      { at: 1478, rating: 4, comment: 'Bien, aunque el bot no lo sabía.' },
    ],
  },
  {
    state: 'whatsapp',
    channel: 'WHATSAPP_CLOUD',
    externalUserId: '5511999990001',
    name: 'João Silva',
    phoneNumber: '5511999990001',
    steps: [
      { at: 9, customer: 'Olá, qual o valor do plano família?' },
      {
        at: 9,
        bot: 'Olá, João! O plano Família custa R$ 49,90 por mês e funciona em até 3 telas ao mesmo tempo.',
      },
      { at: 7, customer: 'Tem desconto no plano anual?' },
      {
        at: 7,
        bot: 'Tem sim: no plano anual você paga 10 meses e ganha 2. Quer que eu envie o link de pagamento?',
      },
    ],
  },
];
