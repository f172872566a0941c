import { decryptSecret } from '../auth/secrets';
import type { Integration } from '../db/schema';
import { PermanentSendError } from './types';

/** The integration's decrypted credentials (never logged, never serialized). */
export function credentialsOf(integration: Integration): Record<string, string> {
  if (!integration.credentialsEncrypted) return {};
  return JSON.parse(decryptSecret(integration.credentialsEncrypted)) as Record<string, string>;
}

export function requireSetting(
  source: Record<string, unknown>,
  key: string,
  integration: Integration,
): string {
  const value = source[key];
  if (typeof value !== 'string' || value === '') {
    throw new PermanentSendError(
      'integration_misconfigured',
      `Integration "${integration.name}" has no ${key}`,
    );
  }
  return value;
}
