import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../../lib/format';
import type { ConsoleFlow } from './use-flow-actions';

/** The published versions, newest first, and which one new conversations start on. */
export function VersionsPanel({
  versions,
  published,
}: {
  versions: ConsoleFlow['versions'];
  published: number | null;
}) {
  const { t } = useTranslation('flows');
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <section className="flow-versions" aria-labelledby="flow-versions-title">
      <h3 id="flow-versions-title">{t('versions.title')}</h3>
      {newestFirst.length === 0 ? (
        <p className="muted">{t('versions.none')}</p>
      ) : (
        <ul aria-label={t('versions.list')}>
          {newestFirst.map((v) => (
            <li key={v.version}>
              <span>{t('versions.version', { version: v.version })}</span>
              {v.version === published && (
                <span className="badge badge-success">{t('versions.published')}</span>
              )}
              <span className="muted">
                {v.publishedBy
                  ? t('versions.by', { date: formatDateTime(v.publishedAt), name: v.publishedBy })
                  : formatDateTime(v.publishedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
