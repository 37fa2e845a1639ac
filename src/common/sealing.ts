import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Authenticated encryption at rest (AES-256-GCM) for data a database dump must not reveal. The key
// comes from a deployment key outside the database (src/config/deployment-keys.ts), one subkey per
// purpose; the additional data binds a sealed value to its row, so it cannot be moved to another.
// Layout: version byte (1) · 12-byte IV · 16-byte tag · ciphertext.

const VERSION = 1;

export function sealingKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'wage-negotiation-engine', purpose, 32));
}

export function seal(key: Buffer, plaintext: string, boundTo: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

// Throws if the value was altered, moved to another row, or sealed with another key.
export function unseal(key: Buffer, sealed: Buffer, boundTo: string): string {
  if (sealed[0] !== VERSION) throw new Error(`unknown sealing version ${sealed[0]}`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
}
