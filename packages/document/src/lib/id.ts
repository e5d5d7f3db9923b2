import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Document id: a slug of the title (at most 60 characters) and the first 10 hex digits of the
 * content hash, so it is stable for the same input, distinct for different inputs and safe as
 * one path segment on every file system.
 */
export function articleId(title: string, contentSha256: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const hash = contentSha256.slice(0, 10);
  return slug ? `${slug}-${hash}` : `article-${hash}`;
}

/** Whether a string is a well-formed document id (what `articleId` makes); guards file paths. */
export function isArticleId(value: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,127}$/.test(value);
}
