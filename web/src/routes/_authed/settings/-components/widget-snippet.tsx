import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('settings');
  return (
    <Dialog title={t('widget.title', { name: chatbot.name })} onClose={onClose} wide>
      <div className="form-stack">
        <p>
          <Trans
            t={t}
            i18nKey="widget.intro"
            values={{ tag: '</body>' }}
            components={{ code: <code /> }}
          />
        </p>
        <div className="snippet-row">
          <span className="muted">{t('widget.publicKey')}</span>
          <code className="code">{chatbot.publicKey}</code>
          <CopyButton
            text={chatbot.publicKey}
            name={t('widget.copyPublicKey', { name: chatbot.name })}
          />
        </div>
        <h3 className="snippet-title">{t('widget.snippet')}</h3>
        <pre className="snippet">
          <code>{snippet}</code>
        </pre>
        <p className="field-hint">
          <Trans
            t={t}
            i18nKey="widget.localeHint"
            values={{ ptBR: 'data-locale="pt-BR"', es: '"es"', en: '"en"' }}
            components={{ code: <code /> }}
          />
        </p>
        <div className="form-actions">
          <CopyButton text={snippet} name={t('widget.copySnippet', { name: chatbot.name })} />
          <button type="button" className="button" onClick={onClose}>
            {t('widget.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
