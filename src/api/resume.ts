// Resuming a download only from the same object: the first response's strong ETag (or
// its Last-Modified) goes out as If-Range, and a 206 must carry that same ETag. Storage
// that replaced the object answers 200 with the new one, which then starts from zero.

import type { WireResponse } from './wire';

/** What identifies the version being downloaded. */
export interface ObjectVersion {
  etag?: string;
  lastModified?: string;
}

/** The version a response describes; a weak ETag (`W/"…"`) cannot validate a range. */
export function versionOf(response: WireResponse): ObjectVersion {
  const etag = response.header('etag')?.trim();
  const lastModified = response.header('last-modified')?.trim();
  return {
    etag: etag && /^"[^"]*"$/.test(etag) ? etag : undefined,
    lastModified: lastModified && !Number.isNaN(Date.parse(lastModified)) ? lastModified : undefined,
  };
}

/** The If-Range value for resuming `version`, or undefined when it cannot be resumed safely. */
export function ifRangeFor(version: ObjectVersion | undefined): string | undefined {
  return version?.etag ?? version?.lastModified;
}

/** True when a 206 is a part of `version` (same strong ETag when one was promised). */
export function isSameVersion(version: ObjectVersion, response: WireResponse): boolean {
  const now = versionOf(response);
  if (version.etag !== undefined) {
    return now.etag === version.etag;
  }
  return version.lastModified !== undefined && now.lastModified === version.lastModified;
}
