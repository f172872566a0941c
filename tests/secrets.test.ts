import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../server/auth/passwords';
import { decryptSecret, encryptSecret } from '../server/auth/secrets';

describe('secrets at rest', () => {
  it('round-trips and uses a fresh IV each time', () => {
    const a = encryptSecret('senha123');
    const b = encryptSecret('senha123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('senha123');
    expect(decryptSecret(a)).toBe('senha123');
  });

  it('refuses a tampered ciphertext or another key', () => {
    const sealed = encryptSecret('senha123');
    const parts = sealed.split(':');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => decryptSecret(parts.join(':'))).toThrow();
    expect(() => decryptSecret(sealed, Buffer.alloc(32, 7))).toThrow();
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
