import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DomainError } from '../../../src/platform/kernel';
import { LocalObjectStorage, ObjectStorage, S3ObjectStorage, storeUpload } from '../../../src/platform/storage';
import { verifyLinkToken } from '../../../src/platform/storage/signed-links';
import { startS3Server } from '../../support/s3-server';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082',
  'hex',
);
const ECU = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) % 251));
const octetOnly = (detected: string | undefined) => (detected === undefined ? 'application/octet-stream' : undefined);

async function text(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The same behaviour from both adapters of the storage port. */
function behavesAsObjectStorage(name: string, make: () => ObjectStorage, fetchLink: (url: string) => Promise<{ status: number; body: Buffer }>): void {
  describe(name, () => {
    it('puts, reads, lists as existing, and deletes an object', async () => {
      const storage = make();
      await storage.put('tests/a/one.bin', Buffer.from('hello'), { contentType: 'text/plain', sizeBytes: 5 });
      expect(await storage.exists('tests/a/one.bin')).toBe(true);
      const object = await storage.get('tests/a/one.bin');
      expect(object?.contentType).toBe('text/plain');
      expect((await text(object!.body)).toString()).toBe('hello');
      await storage.delete('tests/a/one.bin');
      expect(await storage.exists('tests/a/one.bin')).toBe(false);
      expect(await storage.get('tests/a/one.bin')).toBeUndefined();
    });

    it('streams an upload, hashing it, and checks its type from the bytes, not the name', async () => {
      const storage = make();
      const stored = await storeUpload(storage, 'tests/ecu.bin', Readable.from([ECU.subarray(0, 1000), ECU.subarray(1000)]), 'map.png', {
        maxBytes: 10_000,
        accept: octetOnly,
      });
      expect(stored).toEqual({
        key: 'tests/ecu.bin',
        sha256: createHash('sha256').update(ECU).digest('hex'),
        sizeBytes: ECU.length,
        contentType: 'application/octet-stream',
        fileName: 'map.png',
      });
      expect(await text((await storage.get('tests/ecu.bin'))!.body)).toEqual(ECU);
      const wrongType = await storeUpload(storage, 'tests/png.bin', Readable.from([PNG]), 'tune.bin', { maxBytes: 10_000, accept: octetOnly }).catch(
        (e: unknown) => e,
      );
      expect(wrongType).toBeInstanceOf(DomainError);
      expect((wrongType as DomainError).code).toBe('STORAGE.TYPE_NOT_ALLOWED');
      expect(await storage.exists('tests/png.bin')).toBe(false);
      const tooLarge = await storeUpload(storage, 'tests/big.bin', Readable.from([ECU, ECU]), 'big.bin', { maxBytes: 5000, accept: octetOnly }).catch(
        (e: unknown) => e,
      );
      expect((tooLarge as DomainError).code).toBe('STORAGE.FILE_TOO_LARGE');
      expect(await storage.exists('tests/big.bin')).toBe(false);
    });

    it('hands out a signed link that serves the bytes', async () => {
      const storage = make();
      await storage.put('tests/link.bin', ECU, { contentType: 'application/octet-stream', sizeBytes: ECU.length });
      const url = await storage.signedUrl('tests/link.bin', { expiresInSeconds: 60, fileName: 'map.bin' });
      const response = await fetchLink(url);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(ECU);
    });

    it('refuses unsafe keys', async () => {
      await expect(make().put('../escape', Buffer.from('x'), { contentType: 'text/plain', sizeBytes: 1 })).rejects.toThrow('unsafe storage key');
    });
  });
}

describe('object storage', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let s3Storage: S3ObjectStorage;
  let localDir: string;

  beforeAll(async () => {
    s3 = await startS3Server();
    s3Storage = new S3ObjectStorage({
      bucket: s3.bucket,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
    localDir = await mkdtemp(join(tmpdir(), 'local-storage-'));
  });
  afterAll(async () => {
    s3Storage?.destroy();
    await s3?.close();
    await rm(localDir, { recursive: true, force: true });
  });

  behavesAsObjectStorage(
    'S3 adapter against a real s3rver',
    () => s3Storage,
    async (url) => {
      const response = await fetch(url);
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    },
  );

  behavesAsObjectStorage(
    'local filesystem adapter',
    () => new LocalObjectStorage(localDir, 'secret-for-tests', 'http://localhost:3000'),
    async (url) => {
      // The platform route verifies the token; here, the token and the file it names.
      const token = new URL(url).searchParams.get('token')!;
      const claims = verifyLinkToken('secret-for-tests', token);
      if (!claims) return { status: 404, body: Buffer.alloc(0) };
      const object = await new LocalObjectStorage(localDir, 'secret-for-tests', '').get(claims.key);
      return { status: 200, body: await text(object!.body) };
    },
  );

  it('local link tokens are refused when expired or tampered with', () => {
    const storage = new LocalObjectStorage(localDir, 'k', 'http://x');
    return storage.signedUrl('tests/a.bin', { expiresInSeconds: 60 }).then((url) => {
      const token = new URL(url).searchParams.get('token')!;
      expect(verifyLinkToken('k', token)).toMatchObject({ key: 'tests/a.bin' });
      expect(verifyLinkToken('other', token)).toBeUndefined();
      expect(verifyLinkToken('k', token, Math.floor(Date.now() / 1000) + 61)).toBeUndefined();
      const [body, sig] = token.split('.');
      const forged = Buffer.from(JSON.stringify({ key: 'tests/other.bin', exp: 9_999_999_999 })).toString('base64url');
      expect(verifyLinkToken('k', `${forged}.${sig}`)).toBeUndefined();
      expect(verifyLinkToken('k', `${body}.${sig}.x`)).toBeUndefined();
    });
  });
});
