import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type Config, config } from '../../config';
import type { FileStorageKind } from '../../db/schema';

/**
 * Where a file's bytes are kept. Keys are `<workspace id>/<attachment uuid>`: nothing a user
 * chose (the file name stays in the row), so no key can climb out of its folder or bucket.
 */
export interface FileStorage {
  readonly kind: FileStorageKind;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes as a stream; undefined when nothing is stored under the key. */
  get(key: string): Promise<Readable | undefined>;
}

const SAFE_KEY = /^[0-9]+\/[0-9a-f-]{36}$/;

function checkedKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`Not a file storage key: ${key}`);
  return key;
}

/**
 * Local disk under `<root>/<workspace>/<uuid>`. A file is written beside its place under a
 * temporary name and renamed into it (atomic on one file system), so a crash mid-write leaves
 * a stray temporary file, never a half-written attachment.
 */
export function localStorage(root: string): FileStorage {
  return {
    kind: 'local',
    async put(key, bytes) {
      const target = path.join(root, checkedKey(key));
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomUUID()}.part`;
      try {
        await writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
        await rename(temp, target);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
    get(key) {
      const stream = createReadStream(path.join(root, checkedKey(key)));
      return new Promise((resolve, reject) => {
        stream.once('open', () => resolve(stream));
        stream.once('error', (err: NodeJS.ErrnoException) =>
          err.code === 'ENOENT' ? resolve(undefined) : reject(err),
        );
      });
    },
  };
}

type S3Settings = Pick<
  Config,
  | 'FILES_S3_BUCKET'
  | 'FILES_S3_REGION'
  | 'FILES_S3_ENDPOINT'
  | 'FILES_S3_FORCE_PATH_STYLE'
  | 'FILES_S3_ACCESS_KEY_ID'
  | 'FILES_S3_SECRET_ACCESS_KEY'
>;

/** Any S3-compatible store, through the AWS SDK v3 (PutObject, GetObject). */
export function s3Storage(settings: S3Settings & { FILES_S3_BUCKET: string }): FileStorage {
  const client = new S3Client({
    region: settings.FILES_S3_REGION,
    endpoint: settings.FILES_S3_ENDPOINT,
    forcePathStyle: settings.FILES_S3_FORCE_PATH_STYLE,
    credentials:
      settings.FILES_S3_ACCESS_KEY_ID && settings.FILES_S3_SECRET_ACCESS_KEY
        ? {
            accessKeyId: settings.FILES_S3_ACCESS_KEY_ID,
            secretAccessKey: settings.FILES_S3_SECRET_ACCESS_KEY,
          }
        : undefined,
  });
  const Bucket = settings.FILES_S3_BUCKET;
  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: checkedKey(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.byteLength,
        }),
      );
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: checkedKey(key) }));
        return out.Body instanceof Readable ? out.Body : undefined;
      } catch (err) {
        if (err instanceof NoSuchKey) return undefined;
        throw err;
      }
    },
  };
}

let configured: FileStorage | undefined;

/** The store config.ts names: S3 when FILES_S3_BUCKET is set, else DATA_DIR/files. */
export function fileStorage(): FileStorage {
  if (!configured) {
    const bucket = config.FILES_S3_BUCKET;
    configured = bucket
      ? s3Storage({ ...config, FILES_S3_BUCKET: bucket })
      : localStorage(path.join(config.dataDir, 'files'));
  }
  return configured;
}

/** The store a row names (a workspace may hold files from before a switch to S3). */
export function storageFor(kind: FileStorageKind): FileStorage {
  const current = fileStorage();
  if (current.kind === kind) return current;
  if (kind === 'local') return localStorage(path.join(config.dataDir, 'files'));
  const bucket = config.FILES_S3_BUCKET;
  if (!bucket) throw new Error('A file is kept in S3 but FILES_S3_BUCKET is not set');
  return s3Storage({ ...config, FILES_S3_BUCKET: bucket });
}
