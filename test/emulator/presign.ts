// S3 SigV2-style query-string presigning with a per-emulator random secret:
//   <base>/s3/<org>/<mediaId>/<filename>?AWSAccessKeyId=ASIA…&Expires=<epoch s>
//     &Signature=<base64 HMAC-SHA1>&x-amz-security-token=<token>
// StringToSign follows SigV2: METHOD \n Content-MD5 \n Content-Type \n Expires \n resource.
// Upload URLs are signed for `Content-Type: audio/mpeg`, like the official SDK sends.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNED_UPLOAD_CONTENT_TYPE = 'audio/mpeg';

export type Verdict = 'ok' | 'missing' | 'bad-signature' | 'expired';

export interface ParsedObjectPath {
  library: string;
  mediaId: string;
  filename: string;
}

export class UrlSigner {
  private secret = randomBytes(32);
  /** Secrets retired by expireAll(): their URLs verify as expired, not as forged. */
  private readonly retired: Buffer[] = [];
  readonly accessKeyId = `ASIA${randomBytes(10).toString('hex').toUpperCase().slice(0, 16)}`;
  private readonly securityToken = randomBytes(180).toString('base64');

  constructor(
    private readonly baseUrl: string,
    private readonly ttlSeconds: number,
    /** `user:password` to put into the next URL's address (a fault), or undefined. */
    private readonly userInfo: () => string | undefined = () => undefined,
  ) {}

  /**
   * A presigned URL. A PUT is signed for `opts.contentType` (default audio/mpeg, v1's);
   * `opts.ttlSeconds` overrides the emulator's lifetime (AudioStack upload links: 7 days).
   */
  sign(method: 'GET' | 'PUT', target: ParsedObjectPath, opts: { contentType?: string; ttlSeconds?: number } = {}): string {
    const expires = Math.floor(Date.now() / 1000) + (opts.ttlSeconds ?? this.ttlSeconds);
    const resource = canonicalResource(target);
    const contentType = method === 'PUT' ? (opts.contentType ?? SIGNED_UPLOAD_CONTENT_TYPE) : '';
    const signature = this.signature(this.secret, method, contentType, expires, resource);
    const encodedPath = ['s3', target.library, target.mediaId, target.filename].map(encodeURIComponent).join('/');
    const query = [
      `AWSAccessKeyId=${this.accessKeyId}`,
      `Expires=${expires}`,
      `Signature=${encodeURIComponent(signature)}`,
      `x-amz-security-token=${encodeURIComponent(this.securityToken)}`,
    ].join('&');
    return `${withUserInfo(this.baseUrl, this.userInfo())}/${encodedPath}?${query}`;
  }

  /**
   * Checks a presigned request. `contentType` is the one the signature is checked
   * against: strict mode passes the request's own, so anything but audio/mpeg fails.
   */
  verify(method: string, contentType: string, target: ParsedObjectPath, query: URLSearchParams): Verdict {
    const signature = query.get('Signature');
    const expiresText = query.get('Expires');
    if (!signature || !expiresText || !query.get('AWSAccessKeyId')) return 'missing';
    if (query.get('AWSAccessKeyId') !== this.accessKeyId || !/^\d+$/.test(expiresText)) return 'bad-signature';
    const given = Buffer.from(signature);
    const matches = (secret: Buffer) => {
      const wanted = Buffer.from(this.signature(secret, method, contentType, Number(expiresText), canonicalResource(target)));
      return given.length === wanted.length && timingSafeEqual(given, wanted);
    };
    if (matches(this.secret)) return Number(expiresText) * 1000 < Date.now() ? 'expired' : 'ok';
    return this.retired.some(matches) ? 'expired' : 'bad-signature';
  }

  /** Every URL signed so far turns expired; new ones use a fresh secret. */
  expireAll(): void {
    this.retired.push(this.secret);
    this.secret = randomBytes(32);
  }

  private signature(secret: Buffer, method: string, contentType: string, expires: number, resource: string): string {
    const stringToSign = `${method}\n\n${contentType}\n${expires}\n${resource}`;
    return createHmac('sha1', secret).update(stringToSign).digest('base64');
  }
}

/** `http://user:password@host:port` for `http://host:port` (no change without user info). */
export function withUserInfo(base: string, userInfo: string | undefined): string {
  return userInfo === undefined ? base : base.replace(/^(https?:\/\/)/, `$1${userInfo}@`);
}

/** Decoded segments, so a client that re-encodes the path differently still matches. */
function canonicalResource(target: ParsedObjectPath): string {
  return `/${target.library}/${target.mediaId}/${target.filename}`;
}

/** `/s3/<library>/<mediaId>/<filename>` → its decoded parts, or undefined. */
export function parseObjectPath(pathname: string): ParsedObjectPath | undefined {
  const parts = pathname.split('/');
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== 's3') return undefined;
  try {
    const [library, mediaId, filename] = parts.slice(2).map((p) => decodeURIComponent(p));
    if (!library || !mediaId || !filename) return undefined;
    return { library, mediaId, filename };
  } catch {
    return undefined;
  }
}
