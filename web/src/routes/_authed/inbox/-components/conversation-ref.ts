/** A route param as the procedures take it: the integer id, or a uuid as typed in a link. */
export function conversationRef(param: string): number | string {
  return /^\d{1,10}$/.test(param) ? Number(param) : param;
}
