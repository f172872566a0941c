/** Timestamps as the contracts' JSON carries them: ISO strings, null for no time. */
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The CRM's and the console's `created_at` / `updated_at` pair. */
export function stamps(row: { createdAt: Date; updatedAt: Date }) {
  return { created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() };
}
