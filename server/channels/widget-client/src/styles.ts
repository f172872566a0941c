/** The widget's CSS, inside its shadow root: the page's styles never reach it, nor it theirs. */
export const styles = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
[hidden] { display: none !important; }
.bubble { position: fixed; bottom: 20px; right: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0;
  background: var(--accent); color: #fff; display: grid; place-items: center; cursor: pointer; box-shadow: 0 6px 20px rgba(0,0,0,.2); z-index: 2147483000; }
.bubble:focus-visible { outline: 3px solid #0f172a; outline-offset: 2px; }
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
.them .meta { color: #475569; }
.meta time + .state::before { content: ' · '; }
.who { font-size: 11px; font-weight: 600; color: #475569; margin-bottom: 2px; }
.them-item { align-self: flex-start; max-width: 80%; display: flex; flex-direction: column; gap: 6px; }
.them-item .msg { max-width: 100%; align-self: flex-start; }
.options { display: flex; flex-wrap: wrap; gap: 6px; }
.options button, .survey .scale button { border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 999px; padding: 6px 12px; min-height: 36px; cursor: pointer; font-size: 14px; text-align: left; }
button:focus-visible, textarea:focus-visible, .file:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.me button:focus-visible { outline-color: #fff; }
.options button:disabled, .survey .scale button:disabled { cursor: default; color: #64748b; border-color: #cbd5e1; }
.options button.chosen, .survey .scale button[aria-pressed="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
.rows { width: 100%; display: flex; flex-direction: column; gap: 4px; background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; padding: 6px; }
.rows [role="group"] { display: flex; flex-direction: column; gap: 4px; }
.rows .section { font-size: 12px; font-weight: 600; color: #475569; padding: 4px 6px 0; }
.rows button { border-radius: 8px; width: 100%; }
.rows .desc { display: block; font-size: 12px; color: #64748b; }
.typing { font-size: 12px; color: #475569; padding: 0 14px 6px; min-height: 18px; background: #f8fafc; }
form.composer { display: flex; border-top: 1px solid #e2e8f0; }
.msg img { display: block; max-width: 100%; max-height: 240px; border-radius: 8px; margin-bottom: 4px; }
.file { display: flex; flex-direction: column; padding: 8px 10px; margin-bottom: 4px; border-radius: 8px; border: 1px solid #cbd5e1; background: #fff; color: #0f172a; text-decoration: none; }
.file b { font-weight: 600; overflow-wrap: anywhere; }
.file span { font-size: 12px; color: #475569; }
.attach { border: 0; background: none; color: #475569; padding: 0 0 0 12px; cursor: pointer; display: grid; place-items: center; }
.attach:disabled { opacity: .5; cursor: default; }
.notice { font-size: 12px; color: #b91c1c; padding: 0 14px; background: #fff; }
.notice:empty { display: none; }
.notice.busy { color: #475569; }
.composer textarea { flex: 1; border: 0; padding: 12px; resize: none; font-size: 14px; outline: none; height: 48px; }
.composer textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.composer button[type="submit"] { border: 0; background: none; color: var(--accent); font-weight: 600; padding: 0 16px; cursor: pointer; }
.ended { align-self: stretch; text-align: center; font-size: 13px; color: #475569; padding: 8px 0; display: flex; flex-direction: column; align-items: center; gap: 6px; }
.ended .again, .survey form button { border: 0; border-radius: 999px; background: var(--accent); color: #fff; padding: 8px 16px; min-height: 36px; font-size: 14px; cursor: pointer; }
.survey { align-self: stretch; display: flex; flex-direction: column; align-items: center; gap: 6px; background: #fff; border: 1px solid #e2e8f0; border-radius: 12px; padding: 10px; color: #0f172a; }
.survey p { margin: 0; font-size: 13px; }
.survey .scale { display: flex; gap: 6px; }
.survey .scale button { width: 40px; padding: 0; text-align: center; }
.survey .ends { display: flex; justify-content: space-between; width: 100%; max-width: 232px; font-size: 11px; color: #475569; }
.survey form { display: flex; flex-direction: column; align-items: stretch; gap: 6px; width: 100%; }
.survey label { font-size: 12px; text-align: left; }
.survey form textarea { width: 100%; min-height: 60px; border: 1px solid #cbd5e1; border-radius: 8px; padding: 8px; font-size: 14px; resize: vertical; }
.survey form button { align-self: flex-end; }
.survey .said { font-size: 13px; font-weight: 600; }
.survey .said:empty { display: none; }
.retry { border: 0; background: none; color: inherit; font: inherit; text-decoration: underline; padding: 0; cursor: pointer; }
@media (max-width: 480px) {
  .panel, :host(.left) .panel { left: 8px; right: 8px; width: auto; bottom: 84px; height: calc(100dvh - 100px); max-height: none; }
}
`;
