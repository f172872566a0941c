import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import '../styles/tables.css';

interface PaginationProps {
  page: number;
  limit: number;
  total: number;
  totalPages: number;
  onPage: (page: number) => void;
  /** What the rows are, for the summary ("contacts"), in the page's language. */
  noun: string;
}

/** Previous/next over a page/limit list, with where the reader is. */
export function Pagination({ page, limit, total, totalPages, onPage, noun }: PaginationProps) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const first = (page - 1) * limit + 1;
  const last = Math.min(total, page * limit);
  return (
    <nav className="pagination" aria-label={t('pagination.label', { noun })}>
      <p className="pagination-summary">
        {first <= total
          ? t('pagination.range', {
              first: formatNumber(first),
              last: formatNumber(last),
              total: formatNumber(total),
              noun,
            })
          : t('pagination.all', { total: formatNumber(total), noun })}
      </p>
      {totalPages > 1 && (
        <div className="pagination-buttons">
          <button
            type="button"
            className="button"
            disabled={page <= 1}
            onClick={() => onPage(Math.min(page - 1, Math.max(totalPages, 1)))}
          >
            {t('pagination.previous')}
          </button>
          <span className="pagination-page">
            {t('pagination.page', {
              page: formatNumber(page),
              pages: formatNumber(Math.max(totalPages, 1)),
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={page >= totalPages}
            onClick={() => onPage(page + 1)}
          >
            {t('pagination.next')}
          </button>
        </div>
      )}
    </nav>
  );
}
