/**
 * Account ids → URL path segments for the account pages. Ids may hold any
 * character; the slug is percent-encoding with "%" written as "~" (and "~"
 * itself encoded) so that it is one safe path segment and reversible.
 */
export function accountSlug(accountId: string): string {
  return encodeURIComponent(accountId).replace(/~/g, "%7E").replace(/%/g, "~");
}

/** The inverse of accountSlug. */
export function accountFromSlug(slug: string): string {
  return decodeURIComponent(slug.replace(/~/g, "%"));
}
