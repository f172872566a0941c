/** How long a provider that answered 429 asks to be left alone, when it says (ms). */
export function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { headers?: Headers | Record<string, string> } | null)?.headers;
  const header = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers?.[name] ?? null);
  // OpenAI sends retry-after-ms beside the standard header (seconds, or an HTTP date).
  const ms = Number(header('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const after = header('retry-after');
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(after);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Whether a model call failed because the provider is rate limiting (HTTP 429). */
export function isRateLimited(err: unknown): boolean {
  return (err as { status?: unknown } | null)?.status === 429;
}
