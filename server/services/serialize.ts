/** The CRM's timestamp fields (served by contracts/crm), as ISO strings. */
export function stamps(row: { createdAt: Date; updatedAt: Date }) {
  return { created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() };
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * A response body that is JSON text already (serialized by PostgreSQL): sent as it is, not
 * parsed and encoded again.
 */
export class JsonText {
  constructor(readonly text: string) {}

  /** The value, for in-process callers (tests, tools). */
  parse<T = unknown>(): T {
    return JSON.parse(this.text) as T;
  }
}
