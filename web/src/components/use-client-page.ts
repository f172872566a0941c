import { useState } from 'react';

/**
 * Pages over a list the server returns whole (chatbots, channels, users, API keys), so every
 * table pages the same way. Spread `pagination` into <Pagination>.
 */
export function useClientPage<T>(rows: T[], limit = 20) {
  const [page, setPage] = useState(1);
  const totalPages = Math.ceil(rows.length / limit);
  // A deletion can leave the reader past the last page.
  const current = Math.min(page, Math.max(totalPages, 1));
  return {
    rows: rows.slice((current - 1) * limit, current * limit),
    pagination: { page: current, limit, total: rows.length, totalPages, onPage: setPage },
  };
}
