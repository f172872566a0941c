/**
 * What the page said on the script tag that loaded the widget (read once, while the script
 * runs: `document.currentScript` is null afterwards).
 *
 *   <script src="https://your-server/widget.js" data-public-key="pk_..." async></script>
 *
 * Optional: data-color="#2563eb", data-greeting="…", data-position="right|left" over the
 * chatbot's settings; data-locale="pt-BR" for the widget's language; data-user-id and
 * data-user-hash for a signed-in user of the site (docs/api.md, "Widget sessions").
 */
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

export interface Identity {
  externalUserId: string;
  userHash: string;
}

export const embed = {
  /** False when the script was not loaded by a script tag (nothing to read settings from). */
  found: script !== null,
  data: (script?.dataset ?? {}) as DOMStringMap,
  publicKey: script?.dataset.publicKey ?? '',
  server: script ? new URL(script.src).origin : location.origin,
  identity: script?.dataset.userId
    ? { externalUserId: script.dataset.userId, userHash: script.dataset.userHash || '' }
    : null,
};
