import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../lib/format';
import '../../../../styles/attachments.css';

/** A sent file as the thread gets it: its signed link is fresh with each read of the thread. */
export interface MessageAttachment {
  id: string;
  contentType: string;
  byteSize: number;
  fileName: string;
  url: string;
}

const size = (n: number) => formatNumber(n, { maximumFractionDigits: 1 });

/** A file's size with the language's separators; B, KB and MB read the same in each. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1_048_576) return `${size(bytes / 1024)} KB`;
  return `${size(bytes / 1_048_576)} MB`;
}

/** An image inline (alt: its name); anything else a card with name, size, type and a download. */
export function AttachmentView({ file, caption }: { file: MessageAttachment; caption?: string }) {
  const { t } = useTranslation('inbox');
  const image = file.contentType.startsWith('image/');
  return (
    <figure className="attachment">
      {image ? (
        <a href={file.url} target="_blank" rel="noreferrer noopener">
          <img className="attachment-image" src={file.url} alt={file.fileName} loading="lazy" />
        </a>
      ) : (
        <div className="attachment-card">
          <span className="attachment-name">{file.fileName}</span>
          <span className="attachment-meta">
            {fileSize(file.byteSize)} · {file.contentType}
          </span>
          <a className="attachment-download" href={file.url} download={file.fileName}>
            {t('attachment.download')}
          </a>
        </div>
      )}
      {caption && <figcaption className="msg-text">{caption}</figcaption>}
    </figure>
  );
}

/**
 * A customer's file the server is still fetching from WhatsApp, or could not fetch (the reason
 * is the server's): drawn where the file will be, so the message is never a silent blank.
 */
export function PendingFile({
  state,
  reason,
  label,
  caption,
}: {
  state: 'downloading' | 'failed';
  reason?: string;
  label: string;
  caption?: string;
}) {
  const { t } = useTranslation('inbox');
  return (
    <figure className="attachment">
      <div
        className={`attachment-card attachment-${state}`}
        role={state === 'failed' ? 'alert' : 'status'}
      >
        <span className="attachment-name">{label}</span>
        <span className="attachment-meta">
          {state === 'downloading'
            ? t('attachment.downloading')
            : t('attachment.failed', { reason: reason ?? t('attachment.unknownReason') })}
        </span>
      </div>
      {caption && <figcaption className="msg-text">{caption}</figcaption>}
    </figure>
  );
}
