/**
 * The chatbot platform's API, spoken by web widgets and integrators:
 * - seed 000, conversations (../shared/seeds/000_727e5b2c7dab4ef3.txt): `/conversations`;
 * - seed 001, messages and the live gateway (../shared/seeds/001_02aac3ccf2f3c2af.txt):
 *   `/messages/send`, `/messages/conversation/:id`, `/messages/:id`, WebSocket `/messages` and
 *   the socket.io namespace `/messages`;
 * - the widget's session exchange (`/widget/session`), which both seeds assume.
 * Seed 003 shares `/conversations`: its GETs are served by ../crm.
 */
export { platformConversationsRest } from './conversations';
export { MessagesGateway } from './gateway';
export { messageSendRoute, platformMessagesRest, sendCustomerMessage } from './messages';
export { SocketIoMessagesGateway } from './socketio-gateway';
export { allowWidgetOrigin, widgetRest } from './widget-session';
