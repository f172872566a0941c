const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A token bucket per key (a WhatsApp number): `rate` sends a second, bursts up to `rate`.
 * Per process: with several worker processes the provider's own 130429 answer (retried with
 * backoff) is the backstop.
 */
export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; updated: number }>();

  async take(key: string, rate: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      const bucket = this.buckets.get(key) ?? { tokens: rate, updated: now };
      bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.updated) / 1000) * rate);
      bucket.updated = now;
      this.buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - bucket.tokens) / rate) * 1000));
    }
  }
}

export const whatsappBuckets = new TokenBuckets();
