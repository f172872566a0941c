/*
 * Support Inbox web widget. Embed with:
 *   <script src="https://your-server/widget.js" data-public-key="pk_..." async></script>
 * Optional: data-color="#2563eb", data-greeting="Hi! How can we help?", data-position="right|left".
 * Talks to the REST adapter (POST /widget/session, POST /messages/send,
 * GET /messages/conversation/:id) and the /messages WebSocket gateway.
 */
(() => {
  const script = document.currentScript;
  if (!script) return;
  const publicKey = script.dataset.publicKey;
  if (!publicKey) return console.error('[support-inbox] data-public-key is required');
  const server = new URL(script.src).origin;
  const color = script.dataset.color || '#2563eb';
  const position = script.dataset.position === 'left' ? 'left' : 'right';
  const storeKey = `support-inbox:${publicKey}`;
  const state = {
    ...JSON.parse(localStorage.getItem(storeKey) || '{}'),
    seen: new Set(),
    ws: null,
    retry: 0,
    open: false,
  };
  const save = () =>
    localStorage.setItem(
      storeKey,
      JSON.stringify({
        externalUserId: state.externalUserId,
        token: state.token,
        expiresAt: state.expiresAt,
        conversationId: state.conversationId,
        chatbotId: state.chatbotId,
      }),
    );

  const host = document.createElement('div');
  host.id = 'support-inbox-widget';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `
    <style>
      :host { all: initial; }
      * { box-sizing: border-box; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
      .bubble { position: fixed; bottom: 20px; ${position}: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0;
        background: ${color}; color: #fff; display: grid; place-items: center; cursor: pointer; box-shadow: 0 6px 20px rgba(0,0,0,.2); z-index: 2147483000; }
      .panel { position: fixed; bottom: 88px; ${position}: 20px; width: 340px; height: 480px; max-height: calc(100vh - 110px); display: none;
        flex-direction: column; background: #fff; border-radius: 14px; box-shadow: 0 12px 40px rgba(0,0,0,.25); overflow: hidden; z-index: 2147483000; }
      .panel.open { display: flex; }
      header { background: ${color}; color: #fff; padding: 14px 16px; font-weight: 600; }
      .log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f8fafc; }
      .msg { max-width: 80%; padding: 8px 12px; border-radius: 12px; font-size: 14px; line-height: 1.4; white-space: pre-wrap; word-wrap: break-word; }
      .me { align-self: flex-end; background: ${color}; color: #fff; border-bottom-right-radius: 4px; }
      .them { align-self: flex-start; background: #fff; border: 1px solid #e2e8f0; color: #0f172a; border-bottom-left-radius: 4px; }
      .meta { font-size: 11px; opacity: .75; margin-top: 2px; }
      .options { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
      .options button { border: 1px solid ${color}; color: ${color}; background: #fff; border-radius: 999px; padding: 4px 10px; cursor: pointer; font-size: 13px; }
      .typing { font-size: 12px; color: #64748b; padding: 0 14px 6px; min-height: 18px; background: #f8fafc; }
      form { display: flex; border-top: 1px solid #e2e8f0; }
      textarea { flex: 1; border: 0; padding: 12px; resize: none; font-size: 14px; outline: none; height: 48px; }
      form button { border: 0; background: none; color: ${color}; font-weight: 600; padding: 0 16px; cursor: pointer; }
    </style>
    <button class="bubble" type="button" aria-label="Open chat" aria-expanded="false"><svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg></button>
    <section class="panel" role="dialog" aria-label="Chat">
      <header>Chat with us</header>
      <div class="log" role="log" aria-live="polite"></div>
      <div class="typing" aria-live="polite"></div>
      <form><textarea aria-label="Message" placeholder="Type a message…"></textarea><button type="submit">Send</button></form>
    </section>`;
  document.body.appendChild(host);
  const $ = (sel) => root.querySelector(sel);
  const log = $('.log');

  async function api(method, path, body, headers = {}) {
    const res = await fetch(server + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(state.token ? { authorization: `Bearer ${state.token}` } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status === 401 && path !== '/widget/session') {
      state.token = null;
      await session();
      return api(method, path, body, headers);
    }
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
    return res.json();
  }

  async function session() {
    if (state.token && state.expiresAt && new Date(state.expiresAt) > new Date(Date.now() + 60_000))
      return;
    const s = await api('POST', '/widget/session', {
      publicKey,
      externalUserId: state.externalUserId,
    });
    Object.assign(state, {
      token: s.token,
      expiresAt: s.expiresAt,
      externalUserId: s.externalUserId,
      chatbotId: s.chatbot.id,
    });
    save();
  }

  function render(m) {
    if (state.seen.has(m.id)) return updateStatus(m.id, m.deliveryStatus);
    state.seen.add(m.id);
    const mine = m.role === 'USER';
    const el = document.createElement('div');
    el.className = `msg ${mine ? 'me' : 'them'}`;
    el.dataset.id = m.id;
    el.textContent = m.content;
    const buttons =
      m.payload?.action?.buttons ?? m.payload?.action?.sections?.flatMap((s) => s.rows ?? []) ?? [];
    if (buttons.length) {
      const options = document.createElement('div');
      options.className = 'options';
      for (const b of buttons) {
        const title = b.reply?.title ?? b.title;
        const btn = document.createElement('button');
        btn.type = 'button';
        btn.textContent = title;
        btn.onclick = () => send(title, { buttonId: b.reply?.id ?? b.id });
        options.appendChild(btn);
      }
      el.appendChild(options);
    }
    if (mine) {
      const meta = document.createElement('div');
      meta.className = 'meta';
      el.appendChild(meta);
    }
    log.appendChild(el);
    updateStatus(m.id, m.deliveryStatus);
    log.scrollTop = log.scrollHeight;
    if (!mine && state.open) markRead();
  }

  function updateStatus(id, status) {
    const meta = root.querySelector(`[data-id="${id}"] .meta`);
    if (meta)
      meta.textContent =
        status === 'READ' ? 'Seen' : status === 'FAILED' ? 'Not delivered' : 'Sent';
  }

  function frame(event, data) {
    if (state.ws?.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify({ event, data }));
  }
  const markRead = () =>
    state.conversationId && frame('read', { conversationId: state.conversationId });

  function connect() {
    if (!state.conversationId || state.ws) return;
    const url = `${server.replace(/^http/, 'ws')}/messages?token=${encodeURIComponent(state.token)}`;
    const ws = new WebSocket(url);
    state.ws = ws;
    ws.onopen = () => {
      state.retry = 0;
      frame('subscribe', { conversationId: state.conversationId });
      if (state.open) markRead();
    };
    ws.onmessage = (e) => {
      const { event, data } = JSON.parse(e.data);
      if (event === 'message') render(data);
      else if (event === 'message:status') updateStatus(data.messageId, data.status);
      else if (event === 'typing') $('.typing').textContent = data.isTyping ? 'Typing…' : '';
    };
    ws.onclose = () => {
      state.ws = null;
      setTimeout(
        () => session().then(connect, () => {}),
        Math.min(30_000, 1000 * 2 ** state.retry++),
      );
    };
  }

  async function history() {
    if (!state.conversationId) return;
    const page = await api('GET', `/messages/conversation/${state.conversationId}?limit=100`).catch(
      () => null,
    );
    if (!page) {
      // Not ours any more (another visitor id, a deleted conversation): start afresh.
      state.conversationId = null;
      return;
    }
    for (const m of page.data) render(m);
  }

  async function send(text, metadata = {}) {
    await session();
    const body = {
      chatbotId: state.chatbotId,
      externalUserId: state.externalUserId,
      content: text,
      channel: 'WIDGET',
      metadata,
    };
    if (state.conversationId) body.conversationId = state.conversationId;
    const res = await api('POST', '/messages/send', body, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const changed = state.conversationId !== res.data.conversation.id;
    state.conversationId = res.data.conversation.id;
    save();
    render(res.data.message);
    if (changed) {
      state.ws?.close();
      connect();
    }
  }

  async function toggle() {
    state.open = !state.open;
    $('.panel').classList.toggle('open', state.open);
    $('.bubble').setAttribute('aria-expanded', String(state.open));
    if (!state.open) return;
    await session();
    if (!log.childElementCount) {
      // The chatbot greets in its first reply; data-greeting adds a local welcome line.
      if (script.dataset.greeting)
        render({ id: 'greeting', role: 'ASSISTANT', content: script.dataset.greeting });
      await history();
    }
    connect();
    markRead();
    $('textarea').focus();
  }

  $('.bubble').addEventListener('click', () => void toggle());
  $('form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('textarea');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    void send(text);
  });
  $('textarea').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('form').requestSubmit();
    }
  });
})();
