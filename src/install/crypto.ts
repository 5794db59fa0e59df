import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Tokens at rest: AES-256-GCM with a fresh 96-bit nonce per value. The row's key is the
 * additional authenticated data, so a ciphertext copied onto another workspace's row fails to
 * decrypt instead of handing that workspace someone else's token.
 *
 * Format: `v1.<nonce>.<tag>.<ciphertext>`, each part base64url.
 */
const VERSION = 'v1';

export class TokenDecryptError extends Error {
  constructor() {
    super('stored token could not be decrypted (wrong INSTALL_ENCRYPTION_KEY, or tampered row)');
    this.name = 'TokenDecryptError';
  }
}

export function encryptToken(key: Buffer, plaintext: string, aad: string): string {
  if (key.length !== 32) throw new Error('INSTALL_ENCRYPTION_KEY must be 32 bytes');
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptToken(key: Buffer, sealed: string, aad: string): string {
  const [version, nonce, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new TokenDecryptError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new TokenDecryptError();
  }
}
