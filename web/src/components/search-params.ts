/** Readers for list pages' URL search params: tolerant, so a hand-edited URL still loads. */

/** A searchable list's params; all optional, so links need not carry them. */
export interface ListSearch {
  page?: number;
  search?: string;
}

export const listSearch = (s: Record<string, unknown>): ListSearch => ({
  page: pageParam(s.page),
  search: textParam(s.search),
});

/** A page number, or undefined for the first page (so links need not name it). */
export function pageParam(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n > 1 && n <= 1_000_000 ? n : undefined;
}

export function textParam(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function idListParam(value: unknown): number[] | undefined {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const ids = raw.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return ids.length > 0 ? ids : undefined;
}

/** The text of a form control, or null when left empty (the API's "no value"). */
export function formText(form: FormData, name: string): string | null {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? null : value;
}
