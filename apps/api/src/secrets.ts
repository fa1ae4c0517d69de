import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Keys derived from the server secret, one per purpose, so no purpose can stand in for another. */
export interface ServerKeys {
  /** Mixed into every stored API-key and client-secret hash. */
  readonly pepper: string;
  /** Seals signing keys at rest (AES-256-GCM). */
  readonly sealing: Buffer;
  /** Where the secret came from, for the start-up log. */
  readonly source: 'env' | 'file' | 'generated';
}

const derive = (secret: string, purpose: string) => createHmac('sha256', secret).update(purpose).digest();

/**
 * Loads the server secret: `NEURACRAFT_SECRET` if set, else `<dataDir>/secret`, made on first start
 * (mode 0600) — the caller warns that it should be moved into the environment.
 */
export function loadServerKeys(secret: string | null, dataDir: string): ServerKeys {
  let source: ServerKeys['source'] = 'env';
  let value = secret;
  if (value === null) {
    const file = join(dataDir, 'secret');
    if (existsSync(file)) {
      value = readFileSync(file, 'utf8').trim();
      source = 'file';
    } else {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      value = randomBytes(32).toString('base64url');
      writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
      source = 'generated';
    }
  }
  return {
    pepper: derive(value, 'neuracraft/v1/credential-pepper').toString('base64url'),
    sealing: derive(value, 'neuracraft/v1/signing-key-sealing'),
    source,
  };
}

/** Encrypts `plaintext` with AES-256-GCM; the result carries its own nonce and tag. */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

/** Reverses {@link seal}; throws when the data was sealed with another key or altered. */
export function unseal(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) {
    throw new Error('sealed data is not in a known format');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
