/*
 * Support Inbox web widget, bundled by server/channels/widget-client/bundle.ts and served as
 * /widget.js. Embed with:
 *   <script src="https://your-server/widget.js" data-public-key="pk_..." async></script>
 * (the other attributes: embed.ts). Draws a bot's reply buttons and lists, files, who is typing,
 * the end of a chat with its rating survey and a way to start again (docs/widget.md), in the
 * visitor's language (i18n.ts). Talks to the REST adapter (GET /widget/config, POST
 * /widget/session, POST /messages/send, GET /messages/conversation/:id, GET /conversations,
 * /widget/files, /widget/survey) and the /messages WebSocket gateway.
 */
import { wireComposer } from './composer';
import { whenChosen } from './conversation-log';
import { embed } from './embed';
import { showInLook } from './look';
import { flush, send } from './outbox';
import { wirePanel } from './panel';
import { mount } from './shell';
import { catchUp, connect, whenConnected } from './socket';
import { state } from './state';

function start() {
  mount();
  wirePanel(showInLook());
  wireComposer();
  // Modules that would import each other in a circle meet here instead.
  whenChosen((o) => send(o.title, {}, o.id));
  whenConnected(() => void flush());
  window.addEventListener('online', () => {
    state.retry = 0;
    state.sendRetry = 0;
    void flush();
    if (state.started) void catchUp();
    connect();
  });
  if (state.outbox.length) void flush();
}

// Not loaded by a script tag (embed.found false): nothing says which chatbot, so nothing shows.
if (embed.found && !embed.publicKey) console.error('[support-inbox] data-public-key is required');
else if (embed.found) start();
