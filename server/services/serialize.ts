/** Seed 003's timestamp fields, as ISO strings. */
export function stamps(row: { createdAt: Date; updatedAt: Date }) {
  return { created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() };
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
