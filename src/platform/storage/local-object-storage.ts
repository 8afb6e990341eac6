import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { assertSafeKey, ObjectStorage } from './object-storage';
import { createLinkToken } from './signed-links';

export const STORAGE_ROUTE = '/api/v1/storage/files';

/**
 * Object storage on the local filesystem (the default: nothing to set up).
 * Signed links point at the platform's storage route with an HMAC token.
 */
export class LocalObjectStorage implements ObjectStorage {
  readonly driver = 'local' as const;
  private readonly root: string;

  constructor(
    root: string,
    private readonly signingSecret: string,
    private readonly publicUrl: string,
  ) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    assertSafeKey(key);
    return join(this.root, key);
  }

  async put(key: string, body: Readable | Buffer, meta: { contentType: string; sizeBytes: number }): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.part`;
    await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temp));
    await writeFile(`${path}.meta.json`, JSON.stringify({ contentType: meta.contentType }));
    await rename(temp, path);
  }

  async get(key: string): Promise<{ body: Readable; contentType: string; sizeBytes: number } | undefined> {
    const path = this.path(key);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const meta = JSON.parse(await readFile(`${path}.meta.json`, 'utf8').catch(() => '{}')) as { contentType?: string };
    return { body: createReadStream(path), contentType: meta.contentType ?? 'application/octet-stream', sizeBytes: info.size };
  }

  async exists(key: string): Promise<boolean> {
    return (await stat(this.path(key)).catch(() => undefined))?.isFile() ?? false;
  }

  async delete(key: string): Promise<void> {
    const path = this.path(key);
    await rm(path, { force: true });
    await rm(`${path}.meta.json`, { force: true });
  }

  async signedUrl(key: string, options: { expiresInSeconds: number; fileName?: string; contentType?: string }): Promise<string> {
    assertSafeKey(key);
    const token = createLinkToken(this.signingSecret, {
      key,
      exp: Math.floor(Date.now() / 1000) + options.expiresInSeconds,
      name: options.fileName,
      type: options.contentType,
    });
    return `${this.publicUrl.replace(/\/$/, '')}${STORAGE_ROUTE}?token=${token}`;
  }
}
