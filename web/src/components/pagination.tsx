import '../styles/tables.css';

interface PaginationProps {
  page: number;
  limit: number;
  total: number;
  totalPages: number;
  onPage: (page: number) => void;
  /** What the rows are, for the summary ("contacts"). */
  noun: string;
}

/** Previous/next over a page/limit list, with where the reader is. */
export function Pagination({ page, limit, total, totalPages, onPage, noun }: PaginationProps) {
  if (total === 0) return null;
  const first = (page - 1) * limit + 1;
  const last = Math.min(total, page * limit);
  return (
    <nav className="pagination" aria-label={`Pages of ${noun}`}>
      <p className="pagination-summary">
        {first <= total ? `${first}–${last} of ${total} ${noun}` : `${total} ${noun}`}
      </p>
      {totalPages > 1 && (
        <div className="pagination-buttons">
          <button
            type="button"
            className="button"
            disabled={page <= 1}
            onClick={() => onPage(Math.min(page - 1, Math.max(totalPages, 1)))}
          >
            Previous page
          </button>
          <span className="pagination-page">
            Page {page} of {Math.max(totalPages, 1)}
          </span>
          <button
            type="button"
            className="button"
            disabled={page >= totalPages}
            onClick={() => onPage(page + 1)}
          >
            Next page
          </button>
        </div>
      )}
    </nav>
  );
}
