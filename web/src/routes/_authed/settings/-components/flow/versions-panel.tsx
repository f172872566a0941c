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
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <section className="flow-versions" aria-labelledby="flow-versions-title">
      <h3 id="flow-versions-title">Versions</h3>
      {newestFirst.length === 0 ? (
        <p className="muted">Not published yet.</p>
      ) : (
        <ul aria-label="Published versions">
          {newestFirst.map((v) => (
            <li key={v.version}>
              <span>Version {v.version}</span>
              {v.version === published && <span className="badge badge-success">Published</span>}
              <span className="muted">
                {formatDateTime(v.publishedAt)}
                {v.publishedBy ? ` by ${v.publishedBy}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
