import { CopyButton } from '../../../../components/copy-button';
import { Dialog } from '../../../../components/dialog';

/** The tag a website pastes to show this chatbot's chat widget. */
export const widgetSnippet = (publicKey: string) =>
  `<script src="${window.location.origin}/widget.js" data-public-key="${publicKey}" async></script>`;

export function WidgetSnippet({
  chatbot,
  onClose,
}: {
  chatbot: { name: string; publicKey: string };
  onClose: () => void;
}) {
  const snippet = widgetSnippet(chatbot.publicKey);
  return (
    <Dialog title={`Web widget for ${chatbot.name}`} onClose={onClose} wide>
      <div className="form-stack">
        <p>
          Paste this tag into the pages of your website, before <code>&lt;/body&gt;</code>. The
          page's origin must be among the chatbot's allowed origins.
        </p>
        <div className="snippet-row">
          <span className="muted">Public key</span>
          <code className="code">{chatbot.publicKey}</code>
          <CopyButton text={chatbot.publicKey} name={`Copy the public key of ${chatbot.name}`} />
        </div>
        <h3 className="snippet-title">Snippet</h3>
        <pre className="snippet">
          <code>{snippet}</code>
        </pre>
        <div className="form-actions">
          <CopyButton text={snippet} name={`Copy the widget snippet of ${chatbot.name}`} />
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
