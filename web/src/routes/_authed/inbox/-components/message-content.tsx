import { useTranslation } from 'react-i18next';
import { messageText } from '../../../../../../shared/message-text';
import { AttachmentView, type MessageAttachment, PendingFile } from './attachment-view';

type Content = Record<string, unknown>;

const obj = (v: unknown): Content | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Content) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): Content[] =>
  Array.isArray(v) ? v.map(obj).filter((x): x is Content => x !== undefined) : [];

/** A WhatsApp reply button is `{id, title}` or `{type: 'reply', reply: {id, title}}`. */
const buttonTitle = (b: Content) => str(b.title) ?? str(obj(b.reply)?.title) ?? str(b.id) ?? '';

const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker', 'file'] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];
const isMediaKind = (k: string): k is MediaKind => (MEDIA_KINDS as readonly string[]).includes(k);

/** A kind of media in words ("image"), the channel's own word when it is not one we know. */
function useKindWord() {
  const { t, i18n } = useTranslation('inbox');
  const word = (kind: string) => (isMediaKind(kind) ? t(`attachment.kind.${kind}`) : kind);
  const capital = (kind: string) => {
    const w = word(kind);
    return w.charAt(0).toLocaleUpperCase(i18n.language) + w.slice(1);
  };
  return { word, capital };
}

function Interactive({ content }: { content: Content }) {
  const { t } = useTranslation('inbox');
  const type = str(content.type);
  const action = obj(content.action);
  const reply = obj(content.button_reply) ?? obj(content.list_reply);
  if (reply) return <p className="msg-text">{str(reply.title) ?? str(reply.id)}</p>;
  const header = str(obj(content.header)?.text);
  const footer = str(obj(content.footer)?.text);
  return (
    <div className="interactive">
      {header && <p className="interactive-header">{header}</p>}
      <p className="msg-text">{messageText(content)}</p>
      {footer && <p className="interactive-footer">{footer}</p>}
      {type === 'button' && (
        <ul className="interactive-buttons" aria-label={t('message.replyButtons')}>
          {list(action?.buttons).map((b, i) => (
            <li key={str(b.id) ?? str(obj(b.reply)?.id) ?? i}>{buttonTitle(b)}</li>
          ))}
        </ul>
      )}
      {type === 'list' && (
        <div className="interactive-list">
          <p className="interactive-list-button">{str(action?.button) ?? t('message.options')}</p>
          {list(action?.sections).map((section, i) => (
            <section
              key={str(section.title) ?? i}
              aria-label={str(section.title) ?? t('message.options')}
            >
              {str(section.title) && <p className="interactive-section">{str(section.title)}</p>}
              <ul>
                {list(section.rows).map((row, j) => (
                  <li key={str(row.id) ?? j}>
                    <span>{str(row.title)}</span>
                    {str(row.description) && <small>{str(row.description)}</small>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

function Media({ content }: { content: Content }) {
  const { t } = useTranslation('inbox');
  const { word } = useKindWord();
  const kind = str(content.type) ?? 'file';
  const inner = obj(content[kind]) ?? content;
  const link = str(inner.link) ?? str(inner.url);
  const name =
    str(inner.filename) ??
    str(inner.caption) ??
    t('attachment.mediaAttachment', { kind: word(kind) });
  return (
    <div className="media">
      <p className="media-file">
        {link ? (
          <a href={link} target="_blank" rel="noreferrer noopener">
            {name}
          </a>
        ) : (
          name
        )}
      </p>
      {str(inner.caption) && str(inner.filename) && (
        <p className="msg-text">{str(inner.caption)}</p>
      )}
    </div>
  );
}

/**
 * A message body by type: text, WhatsApp interactive buttons and lists, media (a stored file
 * with its signed link, a customer's file still downloading or whose download failed, or a
 * channel's media metadata), templates.
 */
export function MessageContent({
  type,
  content,
  attachment,
}: {
  type: string;
  content: Content;
  attachment?: MessageAttachment;
}) {
  const { t } = useTranslation('inbox');
  const { capital } = useKindWord();
  if (type === 'interactive') return <Interactive content={content} />;
  if (type === 'media' && attachment) {
    return <AttachmentView file={attachment} caption={str(content.caption)} />;
  }
  const download = obj(content.download);
  if (type === 'media' && (download?.state === 'downloading' || download?.state === 'failed')) {
    const kind = str(content.mediaType) ?? 'file';
    return (
      <PendingFile
        state={download.state}
        reason={str(download.reason)}
        label={capital(kind)}
        caption={str(content.caption)}
      />
    );
  }
  if (type === 'media') return <Media content={content} />;
  if (type === 'template') {
    return (
      <p className="msg-text">
        {t('attachment.template', { name: str(content.name) ?? messageText(content) })}
      </p>
    );
  }
  return <p className="msg-text">{messageText(content)}</p>;
}
