import type { z } from 'zod';
import type { FlowGraph } from '../../shared/flow';

/*
 * The demo workspace's flow (issue 21), in the spirit of seed 002: a pizzeria greets with the
 * buttons "Cardápio" / "Horários" (ids "1" / "2"), collects `nome` and `pedido`, confirms, and
 * hands the conversation to a human for the payment. A newcomer sees every kind of step that
 * matters: a choice, a branch, a typed answer, a loop back that waits for the customer, an end.
 */
export const PIZZERIA_FLOW: z.input<typeof FlowGraph> = {
  start: 'greeting',
  nodes: [
    {
      id: 'greeting',
      kind: 'ask',
      label: 'Greeting',
      prompt: 'Olá! Como posso ajudar?',
      variable: 'opcao',
      input: 'choice',
      choices: [
        { id: '1', title: 'Cardápio' },
        { id: '2', title: 'Horários' },
      ],
      next: 'route',
      position: { x: 0, y: 0 },
    },
    {
      id: 'route',
      kind: 'condition',
      label: 'Menu or hours?',
      branches: [
        { when: { on: 'variable', variable: 'opcao', op: 'equals', value: '2' }, next: 'hours' },
      ],
      otherwise: 'menu',
      position: { x: 0, y: 140 },
    },
    {
      id: 'hours',
      kind: 'message',
      label: 'Opening hours',
      content: { type: 'text', text: 'Abrimos todos os dias, das 18h às 23h.' },
      next: 'see-menu',
      position: { x: 280, y: 280 },
    },
    {
      id: 'see-menu',
      kind: 'ask',
      label: 'See the menu?',
      prompt: 'Quer ver o cardápio?',
      variable: 'ver_cardapio',
      input: 'choice',
      choices: [
        { id: 'sim', title: 'Ver cardápio' },
        { id: 'nao', title: 'Não, obrigado' },
      ],
      next: 'see-menu-route',
      position: { x: 280, y: 420 },
    },
    {
      id: 'see-menu-route',
      kind: 'condition',
      branches: [
        {
          when: { on: 'variable', variable: 'ver_cardapio', op: 'equals', value: 'nao' },
          next: 'bye',
        },
      ],
      otherwise: 'menu',
      position: { x: 280, y: 560 },
    },
    {
      id: 'bye',
      kind: 'end',
      label: 'Goodbye',
      message: 'Até logo! Estamos aqui quando quiser pedir.',
      position: { x: 560, y: 700 },
    },
    {
      id: 'menu',
      kind: 'message',
      label: 'Menu',
      content: {
        type: 'text',
        text: 'Nosso cardápio: Margherita R$ 45, Calabresa R$ 48, Quatro queijos R$ 52, Portuguesa R$ 50.',
      },
      next: 'ask-name',
      position: { x: 0, y: 700 },
    },
    {
      id: 'ask-name',
      kind: 'ask',
      label: 'Name',
      prompt: 'Qual é o seu nome?',
      variable: 'nome',
      input: 'text',
      next: 'ask-order',
      position: { x: 0, y: 840 },
    },
    {
      id: 'ask-order',
      kind: 'ask',
      label: 'Order',
      prompt: '{{nome}}, qual pizza você quer? Escolha na lista ou escreva.',
      variable: 'pedido',
      input: 'choice',
      choices: [
        { id: 'pizza margherita', title: 'Margherita', description: 'R$ 45' },
        { id: 'pizza calabresa', title: 'Calabresa', description: 'R$ 48' },
        { id: 'pizza quatro queijos', title: 'Quatro queijos', description: 'R$ 52' },
        { id: 'pizza portuguesa', title: 'Portuguesa', description: 'R$ 50' },
      ],
      retryMessage: 'Não encontrei essa pizza. Escolha uma da lista, por favor.',
      next: 'confirm',
      position: { x: 0, y: 980 },
    },
    {
      id: 'confirm',
      kind: 'ask',
      label: 'Confirm',
      prompt: 'Confirmando: {{pedido}} para {{nome}}. Está certo?',
      variable: 'confirmado',
      input: 'choice',
      choices: [
        { id: 'sim', title: 'Sim' },
        { id: 'nao', title: 'Mudar o pedido' },
      ],
      next: 'confirm-route',
      position: { x: 0, y: 1120 },
    },
    {
      id: 'confirm-route',
      kind: 'condition',
      branches: [
        {
          when: { on: 'variable', variable: 'confirmado', op: 'equals', value: 'nao' },
          next: 'ask-order',
        },
      ],
      otherwise: 'payment',
      position: { x: 0, y: 1260 },
    },
    {
      id: 'payment',
      kind: 'handoff',
      label: 'Payment',
      reason: 'Pagamento',
      message: 'Obrigado, {{nome}}! Um atendente vai confirmar o pagamento do seu pedido.',
      position: { x: 0, y: 1400 },
    },
  ],
};
