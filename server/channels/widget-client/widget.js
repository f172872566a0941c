/*
 * Support Inbox web widget. Embed with:
 *   <script src="https://your-server/widget.js" data-public-key="pk_..." async></script>
 * Its colour, title, position and greeting are the chatbot's settings (GET /widget/config, read
 * before the bubble shows); a page may override them with data-color="#2563eb",
 * data-greeting="Hi! How can we help?", data-position="right|left". For a signed-in user of the
 * site, data-user-id="<their id>" and data-user-hash="<HMAC-SHA256 of the id with the
 * workspace's identity secret, hex>" (docs/api.md, "Widget sessions").
 * Draws a bot's reply buttons and lists; pressing one sends its title with its id (`choiceId`).
 * The paperclip attaches a file (POST /widget/files, then POST /widget/files/:id/send); a media
 * message's file shows through the signed link in its payload: an image inline, others as cards.
 * Shows who is typing, and when the chat ended, a way to start a new one (docs/widget.md).
 * Talks to the REST adapter (GET /widget/config, POST /widget/session, POST /messages/send,
 * GET /messages/conversation/:id, GET /conversations) and the /messages WebSocket gateway.
 */
(() => {
  const script = document.currentScript;
  if (!script) return;
  const publicKey = script.dataset.publicKey;
  if (!publicKey) return console.error('[support-inbox] data-public-key is required');
  const server = new URL(script.src).origin;
  /** Only a hex colour reaches the CSS (the settings are validated so; a page's attribute too). */
  const hex = (c) => (/^#[0-9a-fA-F]{6}$/.test(c || '') ? c : null);
  const look = {
    name: '',
    greeting: null,
    color: '#2563eb',
    title: 'Chat with us',
    position: 'bottom-right',
  };
  const identity = script.dataset.userId
    ? { externalUserId: script.dataset.userId, userHash: script.dataset.userHash || '' }
    : null;
  const storeKey = `support-inbox:${publicKey}`;
  const stored = JSON.parse(localStorage.getItem(storeKey) || '{}');
  const state = {
    ...stored,
    /** Messages written but not yet accepted by the server: {key, text, metadata, held?}. */
    outbox: stored.outbox || [],
    seen: new Set(),
    /** conversation id → how many of its messages, oldest first, the log holds without a gap. */
    synced: {},
    ws: null,
    retry: 0,
    sendRetry: 0,
    sendTimer: null,
    sending: false,
    open: false,
    started: false,
    /** The conversation the visitor was told has ended (its notice is in the log). */
    ended: null,
    typingTimer: null,
  };
  const KEPT = [
    'visitorSecret',
    'externalUserId',
    'token',
    'expiresAt',
    'conversationId',
    'chatbotId',
    'outbox',
  ];
  const save = () =>
    localStorage.setItem(
      storeKey,
      JSON.stringify(Object.fromEntries(KEPT.map((k) => [k, state[k]]))),
    );
  const newKey = () =>
    crypto.randomUUID?.() ??
    Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
  const backoff = (n) => Math.min(30_000, 1000 * 2 ** n);

  const host = document.createElement('div');
  host.id = 'support-inbox-widget';
  // Hidden until the chatbot's look is known, so the bubble never changes colour or corner.
  host.style.visibility = 'hidden';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `
    <style>
      :host { all: initial; }
      * { box-sizing: border-box; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
      .bubble { position: fixed; bottom: 20px; right: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0;
        background: var(--accent); color: #fff; display: grid; place-items: center; cursor: pointer; box-shadow: 0 6px 20px rgba(0,0,0,.2); z-index: 2147483000; }
      .panel { position: fixed; bottom: 88px; right: 20px; width: 340px; height: 480px; max-height: calc(100vh - 110px); display: none;
        flex-direction: column; background: #fff; border-radius: 14px; box-shadow: 0 12px 40px rgba(0,0,0,.25); overflow: hidden; z-index: 2147483000; }
      :host(.left) .bubble, :host(.left) .panel { left: 20px; right: auto; }
      .panel.open { display: flex; }
      header { background: var(--accent); color: #fff; padding: 14px 16px; font-weight: 600; }
      .log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f8fafc; }
      .msg { max-width: 80%; padding: 8px 12px; border-radius: 12px; font-size: 14px; line-height: 1.4; white-space: pre-wrap; word-wrap: break-word; }
      .me { align-self: flex-end; background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
      .them { align-self: flex-start; background: #fff; border: 1px solid #e2e8f0; color: #0f172a; border-bottom-left-radius: 4px; }
      .meta { font-size: 11px; margin-top: 2px; }
      .who { font-size: 11px; font-weight: 600; color: #475569; margin-bottom: 2px; }
      .them-item { align-self: flex-start; max-width: 80%; display: flex; flex-direction: column; gap: 6px; }
      .them-item .msg { max-width: 100%; align-self: flex-start; }
      .options { display: flex; flex-wrap: wrap; gap: 6px; }
      .options button { border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 999px; padding: 6px 12px; min-height: 36px; cursor: pointer; font-size: 14px; text-align: left; }
      .options button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
      .options button:disabled { cursor: default; color: #64748b; border-color: #cbd5e1; }
      .options button.chosen { background: var(--accent); color: #fff; border-color: var(--accent); }
      .rows { width: 100%; display: flex; flex-direction: column; gap: 4px; background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; padding: 6px; }
      .rows[hidden] { display: none; }
      .rows [role="group"] { display: flex; flex-direction: column; gap: 4px; }
      .rows .section { font-size: 12px; font-weight: 600; color: #475569; padding: 4px 6px 0; }
      .rows button { border-radius: 8px; width: 100%; }
      .rows .desc { display: block; font-size: 12px; color: #64748b; }
      .typing { font-size: 12px; color: #64748b; padding: 0 14px 6px; min-height: 18px; background: #f8fafc; }
      form { display: flex; border-top: 1px solid #e2e8f0; }
      .msg img { display: block; max-width: 100%; max-height: 240px; border-radius: 8px; margin-bottom: 4px; }
      .file { display: flex; flex-direction: column; padding: 8px 10px; margin-bottom: 4px; border-radius: 8px; border: 1px solid #cbd5e1; background: #fff; color: #0f172a; text-decoration: none; }
      .file:focus-visible, .attach:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
      .file b { font-weight: 600; overflow-wrap: anywhere; }
      .file span { font-size: 12px; color: #64748b; }
      .attach { border: 0; background: none; color: #64748b; padding: 0 0 0 12px; cursor: pointer; display: grid; place-items: center; }
      .attach:disabled { opacity: .5; cursor: default; }
      .notice { font-size: 12px; color: #b91c1c; padding: 0 14px; background: #fff; }
      .notice:empty { display: none; }
      .notice.busy { color: #64748b; }
      textarea { flex: 1; border: 0; padding: 12px; resize: none; font-size: 14px; outline: none; height: 48px; }
      form button { border: 0; background: none; color: var(--accent); font-weight: 600; padding: 0 16px; cursor: pointer; }
      .ended { align-self: stretch; text-align: center; font-size: 13px; color: #475569; padding: 8px 0; display: flex; flex-direction: column; align-items: center; gap: 6px; }
      .ended button { border: 0; border-radius: 999px; background: var(--accent); color: #fff; padding: 8px 16px; min-height: 36px; font-size: 14px; cursor: pointer; }
      .ended button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
      .retry { border: 0; background: none; color: inherit; font: inherit; text-decoration: underline; padding: 0; cursor: pointer; }
      @media (max-width: 480px) {
        .panel, :host(.left) .panel { left: 8px; right: 8px; width: auto; bottom: 84px; height: calc(100dvh - 100px); max-height: none; }
      }
    </style>
    <button class="bubble" type="button" aria-label="Open chat" aria-expanded="false"><svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg></button>
    <section class="panel" role="dialog" aria-label="Chat">
      <header>Chat with us</header>
      <div class="log" role="log" aria-live="polite"></div>
      <div class="typing" aria-live="polite"></div>
      <div class="notice" role="status" aria-live="polite"></div>
      <form><button class="attach" type="button" aria-label="Attach a file"><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9"/></svg></button><input type="file" aria-label="File to attach" accept="image/*,application/pdf,audio/*,video/*" hidden><textarea aria-label="Message" placeholder="Type a message…" maxlength="4096"></textarea><button type="submit">Send</button></form>
    </section>`;
  document.body.appendChild(host);
  const $ = (sel) => root.querySelector(sel);
  const log = $('.log');

  /** The chatbot's look and greeting, then the page's own attributes over them. */
  function applyLook(settings) {
    const d = script.dataset;
    Object.assign(look, settings, {
      color: hex(d.color) || hex(settings.color) || look.color,
      greeting: d.greeting || settings.greeting || null,
      position:
        d.position === 'left' || (d.position !== 'right' && settings.position === 'bottom-left')
          ? 'bottom-left'
          : 'bottom-right',
    });
    host.style.setProperty('--accent', look.color);
    host.classList.toggle('left', look.position === 'bottom-left');
    $('header').textContent = settings.title || look.title;
  }

  async function loadLook() {
    const res = await fetch(`${server}/widget/config?publicKey=${encodeURIComponent(publicKey)}`);
    if (!res.ok) throw new Error(`GET /widget/config: ${res.status}`);
    return res.json();
  }
  // Without the settings (offline, an old server) the widget shows its defaults.
  const looked = loadLook()
    .catch(() => ({}))
    .then((settings) => {
      applyLook(settings);
      host.style.visibility = '';
    });

  /** The greeting, first in a chat nobody has written in yet: shown, never stored. */
  function greet() {
    if (look.greeting && !root.querySelector('[data-id="greeting"]'))
      render({ id: 'greeting', role: 'ASSISTANT', content: look.greeting });
  }

  /**
   * A bot's first answer opens with the greeting on channels that never showed it; here the
   * greeting is already the first bubble, so the answer is shown from what follows it.
   */
  function afterGreeting(text) {
    const g = look.greeting;
    const shown = root.querySelector('[data-id="greeting"]');
    return shown && g && typeof text === 'string' && text.startsWith(`${g}\n\n`)
      ? text.slice(g.length + 2)
      : text;
  }

  /** "<name> is typing…" until the message comes, "stopped" is said, or it goes quiet. */
  function showTyping(data) {
    clearTimeout(state.typingTimer);
    const who = typeof data.name === 'string' && data.name ? data.name : look.name;
    $('.typing').textContent = data.isTyping ? `${who || 'Someone'} is typing…` : '';
    if (data.isTyping) state.typingTimer = setTimeout(() => showTyping({ isTyping: false }), 8000);
  }

  /** The conversation ended: say so in the log, with a way to start again. */
  function showEnded(conversationId) {
    if (conversationId !== state.conversationId || state.ended === conversationId) return;
    state.ended = conversationId;
    showTyping({ isTyping: false });
    const box = document.createElement('div');
    box.className = 'ended';
    box.setAttribute('role', 'status');
    box.dataset.ended = conversationId;
    const text = document.createElement('span');
    text.textContent = 'This chat has ended';
    const again = document.createElement('button');
    again.type = 'button';
    again.textContent = 'Start a new chat';
    again.onclick = startAgain;
    box.append(text, again);
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
  }

  /**
   * A fresh chat: the log empties and greets again; the next message opens the new
   * conversation (POST /messages/send without an id), so no empty one waits in the inbox.
   */
  function startAgain() {
    const previous = state.conversationId;
    if (previous) frame('unsubscribe', { conversationId: previous });
    state.conversationId = null;
    state.ended = null;
    save();
    for (const el of [...log.children]) if (!el.dataset.key) el.remove();
    state.seen.clear();
    greet();
    $('textarea').focus();
  }

  /** Whether the conversation followed ended while nobody watched (the list has its status). */
  async function checkEnded(conversationId) {
    const list = await api('GET', '/conversations?limit=50').catch(() => null);
    const c = list?.data?.find((x) => x.id === conversationId);
    if (c?.status === 'CLOSED') showEnded(conversationId);
  }

  async function request(method, path, body, headers = {}) {
    const res = await fetch(server + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(state.token && path !== '/widget/session'
          ? { authorization: `Bearer ${state.token}` }
          : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok)
      throw Object.assign(new Error(`${method} ${path}: ${res.status}`), { status: res.status });
    return json;
  }

  /** A request with the session's token; a 401 (an ended session) opens a new session once. */
  async function api(method, path, body, headers) {
    await session();
    try {
      return await request(method, path, body, headers);
    } catch (err) {
      if (err.status !== 401) throw err;
      await session(true);
      return request(method, path, body, headers);
    }
  }

  function forget() {
    Object.assign(state, {
      visitorSecret: null,
      externalUserId: null,
      conversationId: null,
      token: null,
    });
  }

  let opening = null;
  function session(renew = false) {
    const fresh = state.token && new Date(state.expiresAt) > new Date(Date.now() + 60_000);
    const sameUser = !identity || state.externalUserId === identity.externalUserId;
    if (fresh && sameUser && !renew) return Promise.resolve();
    opening ??= openSession().finally(() => {
      opening = null;
    });
    return opening;
  }

  /** Proves who the visitor is: the site's signature, else the secret this server issued us. */
  async function openSession() {
    const post = (proof) => request('POST', '/widget/session', { publicKey, ...proof });
    let s;
    if (identity) {
      if (state.externalUserId !== identity.externalUserId) {
        forget();
        state.outbox = [];
      }
      s = await post(identity);
    } else {
      const proof = state.visitorSecret
        ? { visitorSecret: state.visitorSecret }
        : state.externalUserId
          ? { externalUserId: state.externalUserId } // an id kept by an older widget: claimed once
          : {};
      s = await post(proof).catch((err) => {
        // The server knows no such visitor: begin as a new one.
        if (err.status !== 401 || !Object.keys(proof).length) throw err;
        forget();
        return post({});
      });
      if (s.visitorSecret) {
        state.visitorSecret = s.visitorSecret;
        // Using the secret at once ends claims by the bare id (nobody else can take it now).
        if (proof.externalUserId) s = await post({ visitorSecret: s.visitorSecret });
      }
    }
    Object.assign(state, {
      token: s.token,
      expiresAt: s.expiresAt,
      externalUserId: s.externalUserId,
      chatbotId: s.chatbot.id,
    });
    save();
  }

  /** Keeps the log in time order; `at` '' (not sent yet) stays at the end. */
  function place(el, at) {
    el.dataset.at = at;
    const later = at && [...log.children].find((c) => !c.dataset.at || c.dataset.at > at);
    log.insertBefore(el, later || null);
    log.scrollTop = log.scrollHeight;
  }

  function bubble(text, mine, who) {
    const el = document.createElement('div');
    el.className = `msg ${mine ? 'me' : 'them'}`;
    el.textContent = text;
    if (who) {
      const name = document.createElement('div');
      name.className = 'who';
      name.textContent = who;
      el.prepend(name);
    }
    if (mine) {
      const meta = document.createElement('div');
      meta.className = 'meta';
      el.appendChild(meta);
    }
    return el;
  }

  function render(m) {
    if (state.seen.has(m.id)) return updateStatus(m.id, m.deliveryStatus);
    state.seen.add(m.id);
    const mine = m.role === 'USER';
    let el = bubble(mine ? m.content : afterGreeting(m.content), mine, mine ? null : agentName(m));
    const file = m.type === 'media' && fileOf(m);
    if (file) el.insertBefore(file, el.querySelector('.who')?.nextSibling ?? el.firstChild);
    const chosen = mine ? choiceOf(m.payload) : null;
    if (chosen) el.dataset.choice = chosen;
    const options = !mine && m.type === 'interactive' && optionsFor(m.payload);
    if (options) {
      // The options go under the bubble, so the item is the bubble and its options together.
      const item = document.createElement('div');
      item.className = 'them-item';
      item.append(el, options);
      el = item;
    }
    el.dataset.id = m.id;
    place(el, m.createdAt || '0');
    updateStatus(m.id, m.deliveryStatus);
    settleOptions();
  }

  const sizeOf = (n) =>
    n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`;

  /**
   * A media message's file, through the signed link its payload carries: an image inline, any
   * other file as a card (name, size) that opens it. A link lasts minutes; a card clicked after
   * its link expired asks for the message again, which carries a fresh one.
   */
  function fileOf(m) {
    const p = m.payload;
    if (!p?.url) return null;
    const name = String(p.fileName || 'file');
    if (String(p.contentType).startsWith('image/')) {
      const img = document.createElement('img');
      img.src = server + p.url;
      img.alt = name;
      return img;
    }
    const a = document.createElement('a');
    a.className = 'file';
    a.href = server + p.url;
    a.target = '_blank';
    a.rel = 'noopener';
    const b = document.createElement('b');
    b.textContent = name;
    const info = document.createElement('span');
    info.textContent = `${sizeOf(Number(p.byteSize) || 0)} · Download`;
    a.append(b, info);
    let expiresAt = p.expiresAt;
    a.onclick = async (e) => {
      if (new Date(expiresAt) > new Date(Date.now() + 5000)) return;
      e.preventDefault();
      const fresh = await api('GET', `/messages/${m.id}`).catch(() => null);
      if (!fresh?.payload?.url) return;
      a.href = server + fresh.payload.url;
      expiresAt = fresh.payload.expiresAt;
      window.open(a.href, '_blank', 'noopener');
    };
    return a;
  }

  /** The agent who wrote a reply (seed 001 carries it in metadata.sender), for their name line. */
  function agentName(m) {
    const name = m.origin === 'operator' ? m.metadata?.sender?.name : null;
    return typeof name === 'string' && name.trim() ? name : null;
  }

  /** The option id a customer's message chose (a button_reply / list_reply), if any. */
  function choiceOf(payload) {
    const reply = payload?.button_reply ?? payload?.list_reply;
    return typeof reply?.id === 'string' ? reply.id : null;
  }

  /** An option in either stored shape: ours ({id, title}) or the Graph API's ({reply}). */
  const option = (b) => ({
    id: b.reply?.id ?? b.id,
    title: b.reply?.title ?? b.title ?? '',
    description: b.description,
  });

  /** Pressing an option: the customer's message is its title, sent with its id. */
  function choose(o) {
    send(o.title, {}, String(o.id));
  }

  function optionButton(o, withDescription) {
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'option';
    btn.dataset.optionId = o.id;
    btn.textContent = o.title;
    if (withDescription && o.description) {
      const d = document.createElement('span');
      d.className = 'desc';
      d.textContent = o.description;
      btn.appendChild(d);
    }
    btn.onclick = () => choose(o);
    return btn;
  }

  /** Reply buttons in a row, or a list behind a button that shows its rows (a disclosure). */
  function optionsFor(payload) {
    const action = payload?.action;
    if (!action) return null;
    const box = document.createElement('div');
    box.className = 'options';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'Reply options');
    if (payload.type !== 'list' && Array.isArray(action.buttons)) {
      for (const b of action.buttons) box.appendChild(optionButton(option(b), false));
      return box.children.length ? box : null;
    }
    const sections = Array.isArray(action.sections) ? action.sections : [];
    const rowsId = `support-inbox-rows-${++listCount}`;
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'list-toggle';
    toggle.textContent = action.button || 'Options';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', rowsId);
    const rows = document.createElement('div');
    rows.className = 'rows';
    rows.id = rowsId;
    rows.hidden = true;
    for (const [i, section] of sections.entries()) {
      const group = document.createElement('div');
      group.setAttribute('role', 'group');
      if (section.title) {
        const heading = document.createElement('div');
        heading.className = 'section';
        heading.id = `${rowsId}-${i}`;
        heading.textContent = section.title;
        group.setAttribute('aria-labelledby', heading.id);
        group.appendChild(heading);
      }
      for (const r of section.rows ?? []) group.appendChild(optionButton(option(r), true));
      rows.appendChild(group);
    }
    const show = (open) => {
      rows.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (open) rows.querySelector('button')?.focus();
    };
    toggle.onclick = () => show(rows.hidden);
    rows.addEventListener('keydown', (e) => {
      const all = [...rows.querySelectorAll('button:not(:disabled)')];
      const at = all.indexOf(root.activeElement);
      if (e.key === 'Escape') {
        e.preventDefault();
        show(false);
        toggle.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        all[(at + step + all.length) % all.length]?.focus();
      }
    });
    box.append(toggle, rows);
    return box;
  }
  let listCount = 0;

  /**
   * Only the latest interactive message's options can be pressed, and only until one of them
   * is (the server takes no other: docs/api.md). Earlier ones stay visible, disabled, with the
   * chosen option marked. Typing instead leaves the options open (the bot may match the text).
   */
  function settleOptions() {
    const items = [...log.children];
    const lastAsked = items.findLastIndex((c) => c.querySelector('.options'));
    for (const [i, c] of items.entries()) {
      const box = c.querySelector('.options');
      if (!box) continue;
      const next = items.findIndex((n, j) => j > i && n.querySelector('.options'));
      const answer = items
        .slice(i + 1, next === -1 ? undefined : next)
        .find((n) => n.dataset.choice);
      const open = i === lastAsked && !answer;
      for (const b of box.querySelectorAll('button')) {
        b.disabled = !open;
        b.classList.toggle('chosen', !!answer && b.dataset.optionId === answer.dataset.choice);
      }
      if (!open) {
        const rows = box.querySelector('.rows');
        if (rows) rows.hidden = true;
        box.querySelector('.list-toggle')?.setAttribute('aria-expanded', 'false');
      }
    }
  }

  function updateStatus(id, status) {
    const meta = root.querySelector(`[data-id="${id}"] .meta`);
    if (meta)
      meta.textContent =
        status === 'READ' ? 'Seen' : status === 'FAILED' ? 'Not delivered' : 'Sent';
  }

  /** A message of the outbox: "Sending…", or "Not sent — retry" once an attempt failed. */
  function renderPending(item) {
    let el = root.querySelector(`[data-key="${item.key}"]`);
    if (!el) {
      el = bubble(item.text, true);
      el.dataset.key = item.key;
      if (item.choiceId) el.dataset.choice = item.choiceId;
      place(el, '');
      settleOptions();
    }
    const meta = el.querySelector('.meta');
    if (!item.failed) {
      meta.textContent = 'Sending…';
      return;
    }
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'retry';
    retry.textContent = 'Not sent — retry';
    retry.onclick = () => {
      Object.assign(item, { held: false, failed: false });
      renderPending(item);
      void flush();
    };
    meta.replaceChildren(retry);
  }

  /** Queues a message; `choiceId` is the option pressed (the text is its title). */
  function send(text, metadata = {}, choiceId) {
    const item = { key: newKey(), text, metadata, ...(choiceId ? { choiceId } : {}) };
    state.outbox.push(item);
    save();
    renderPending(item);
    void flush();
  }

  /**
   * Sends the outbox in order, each message with its own Idempotency-Key (a retry of one the
   * server did accept is answered, not written again). A refusal (4xx) holds that message until
   * its retry is clicked; anything else (offline, 5xx) stops here and tries again later, and
   * when the browser is online again or the socket reconnects.
   */
  async function flush() {
    if (state.sending) return;
    state.sending = true;
    clearTimeout(state.sendTimer);
    try {
      for (;;) {
        const item = state.outbox.find((i) => !i.held);
        if (!item) return;
        try {
          await deliver(item);
          state.sendRetry = 0;
        } catch (err) {
          item.failed = true;
          item.held =
            err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429;
          save();
          renderPending(item);
          // A refused choice (not offered any more) answers nothing: the options stay open.
          if (item.held && item.choiceId) {
            delete root.querySelector(`[data-key="${item.key}"]`)?.dataset.choice;
            settleOptions();
          }
          if (!item.held) {
            state.sendTimer = setTimeout(flush, backoff(state.sendRetry++));
            return;
          }
        }
      }
    } finally {
      state.sending = false;
    }
  }

  async function deliver(item) {
    await session();
    const body = {
      chatbotId: state.chatbotId,
      externalUserId: state.externalUserId,
      content: item.text,
      channel: 'WIDGET',
      metadata: item.metadata,
    };
    if (state.conversationId) body.conversationId = state.conversationId;
    if (item.choiceId) body.choiceId = item.choiceId;
    const res = await api('POST', '/messages/send', body, { 'Idempotency-Key': item.key });
    state.outbox = state.outbox.filter((i) => i.key !== item.key);
    save();
    root.querySelector(`[data-key="${item.key}"]`)?.remove();
    render(res.data.message);
    settleOptions();
    follow(res.data.conversation.id);
  }

  /** After an end, the next message opens a new conversation: follow it on the open socket. */
  function follow(conversationId) {
    if (state.conversationId === conversationId) return connect();
    const previous = state.conversationId;
    state.conversationId = conversationId;
    state.ended = null;
    save();
    // Written on after the end: the notice stays as a divider, its button has done its work.
    for (const b of root.querySelectorAll('.ended button')) b.remove();
    if (state.ws?.readyState !== WebSocket.OPEN) return connect();
    if (previous) frame('unsubscribe', { conversationId: previous });
    frame('subscribe', { conversationId });
  }

  /** Whatever the log lacks of a conversation (all of it at first, else what came since). */
  async function catchUp(conversationId = state.conversationId) {
    const limit = 100;
    while (conversationId) {
      const done = state.synced[conversationId] || 0;
      const page = Math.floor(done / limit) + 1;
      const res = await api(
        'GET',
        `/messages/conversation/${conversationId}?limit=${limit}&page=${page}`,
      ).catch((err) => {
        // Not ours any more (a deleted conversation, another visitor): start afresh.
        if (err.status === 404 && state.conversationId === conversationId) {
          state.conversationId = null;
          save();
        }
        return null;
      });
      if (!res) return;
      for (const m of res.data) render(m);
      state.synced[conversationId] = Math.max(done, (page - 1) * limit + res.data.length);
      if (res.data.length < limit) break;
    }
    if (state.open) markRead();
  }

  function frame(event, data) {
    if (state.ws?.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify({ event, data }));
  }
  const markRead = () =>
    state.conversationId && frame('read', { conversationId: state.conversationId });

  function connect() {
    if (!state.conversationId || !state.token || state.ws) return;
    const url = `${server.replace(/^http/, 'ws')}/messages?token=${encodeURIComponent(state.token)}`;
    const ws = new WebSocket(url);
    let opened = false;
    state.ws = ws;
    ws.onopen = () => {
      opened = true;
      state.retry = 0;
      frame('subscribe', { conversationId: state.conversationId });
      void flush();
    };
    ws.onmessage = (e) => {
      const { event, data } = JSON.parse(e.data);
      // Subscribed (again): fetch what was said while the socket was down.
      if (event === 'subscribed') {
        void catchUp(data.conversationId);
        void checkEnded(data.conversationId);
      } else if (event === 'message') {
        if (data.role !== 'USER') showTyping({ isTyping: false });
        render(data);
        if (data.role !== 'USER' && state.open) markRead();
      } else if (event === 'message:status') updateStatus(data.messageId, data.status);
      else if (event === 'typing') showTyping(data);
      else if (event === 'conversation:status') {
        if (data.status === 'CLOSED') showEnded(data.conversationId);
        // Reopened by an agent: the chat goes on here.
        else if (state.ended === data.conversationId) {
          state.ended = null;
          root.querySelector(`[data-ended="${data.conversationId}"]`)?.remove();
        }
      }
    };
    ws.onclose = (e) => {
      state.ws = null;
      // Refused before it opened, or closed for its session (4401): open a new session first.
      reconnectLater(!opened || e.code === 4401);
    };
  }

  function reconnectLater(renew) {
    setTimeout(
      () => session(renew).then(connect, () => reconnectLater(renew)),
      backoff(state.retry++),
    );
  }

  async function toggle() {
    state.open = !state.open;
    $('.panel').classList.toggle('open', state.open);
    $('.bubble').setAttribute('aria-expanded', String(state.open));
    if (!state.open) return;
    $('textarea').focus();
    if (!state.started) {
      state.started = true;
      await looked;
      if (!state.conversationId) greet();
      for (const item of state.outbox) renderPending(item);
    }
    await session().catch(() => {});
    await catchUp();
    connect();
    markRead();
  }

  const notice = (text, busy = false) => {
    const el = $('.notice');
    el.textContent = text;
    el.classList.toggle('busy', busy);
    // Progress is a status; a refusal interrupts (an alert), so the visitor hears why.
    el.setAttribute('role', busy ? 'status' : 'alert');
  };

  /** A refusal in the visitor's words: the server's own for a size, ours for a type. */
  function refusal(status, body) {
    if (status === 415)
      return 'This type of file cannot be sent: images, PDFs, audio and video only.';
    const message = Array.isArray(body?.message) ? body.message[0] : body?.message;
    if (status === 413 || (status < 500 && message)) return String(message);
    return 'The file could not be sent. Please try again.';
  }

  /** The file's bytes to the visitor's conversation; its id, or a refusal thrown. */
  async function uploadFile(file) {
    const res = await fetch(`${server}/widget/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${state.token}`,
        'content-type': file.type || 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
      },
      body: file,
    });
    const body = await res.json().catch(() => null);
    if (!res.ok)
      throw Object.assign(new Error(), { status: res.status, refusal: refusal(res.status, body) });
    return body.id;
  }

  /** The visitor's open conversation, opened when there is none (or the last one ended). */
  async function openConversation() {
    const c = await api('POST', '/conversations', {
      chatbotId: state.chatbotId,
      externalUserId: state.externalUserId,
      channel: 'WIDGET',
    });
    follow(c.id);
  }

  /**
   * Uploads the chosen file and sends it. A session that ended opens again once; no
   * conversation yet (404) or an ended one (409) opens one once; any other refusal is shown.
   */
  async function attach(file) {
    const button = $('.attach');
    button.disabled = true;
    notice(`Sending ${file.name}…`, true);
    try {
      await session();
      if (!state.conversationId) await openConversation();
      let id;
      for (let tries = 0; ; tries++) {
        try {
          id = await uploadFile(file);
          break;
        } catch (err) {
          if (tries > 0 || ![401, 404, 409].includes(err.status)) throw err;
          if (err.status === 401) await session(true);
          else await openConversation();
        }
      }
      const res = await api('POST', `/widget/files/${id}/send`, {});
      render(res.data.message);
      follow(res.data.conversation.id);
      notice('');
    } catch (err) {
      notice(err.refusal || 'The file could not be sent. Please try again.');
    } finally {
      button.disabled = false;
    }
  }

  $('.attach').addEventListener('click', () => $('input[type=file]').click());
  $('input[type=file]').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void attach(file);
  });

  window.addEventListener('online', () => {
    state.retry = 0;
    state.sendRetry = 0;
    void flush();
    if (state.started) void catchUp();
    connect();
  });
  $('.bubble').addEventListener('click', () => void toggle());
  $('form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('textarea');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    send(text);
  });
  $('textarea').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('form').requestSubmit();
    }
  });
  if (state.outbox.length) void flush();
})();
