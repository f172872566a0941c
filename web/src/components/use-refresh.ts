import { type QueryFilters, useQueryClient } from '@tanstack/react-query';

/**
 * Mutation options that refetch the queries `filters` match once a mutation succeeds (the
 * mutation stays pending until they are fresh), then call `then`, e.g. a dialog's onClose.
 */
export function useRefresh(filters: QueryFilters | QueryFilters[], then?: () => void) {
  const queryClient = useQueryClient();
  return {
    onSuccess: async () => {
      await Promise.all([filters].flat().map((filter) => queryClient.invalidateQueries(filter)));
      then?.();
    },
  };
}
