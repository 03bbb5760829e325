/**
 * "Did you mean …?": the candidate closest to a value that matched nothing,
 * compared case- and space-insensitively (so `GTXPro` finds `GTX Pro` at
 * distance 0), within an edit distance of a third of the value's length (at
 * least 2) so that unrelated names are never suggested.
 */
import {levenshtein} from "../../text/levenshtein.js";

/** Lower case, spaces, underscores, dashes and dots removed: "GTX Pro" and "gtx-pro" both read "gtxpro". */
export function normaliseForMatch(s: string): string {
  return s.toLowerCase().replace(/[\s_\-.]+/g, "");
}


/**
 * The candidate closest to `value`, or null when none is close enough. Ties go
 * to the candidate listed first, so callers pass candidates in a stable order.
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | null {
  const target = normaliseForMatch(value);
  if (!target) return null;
  const limit = Math.max(2, Math.floor(target.length / 3));
  let best: {candidate: string; distance: number} | null = null;
  for (const candidate of candidates) {
    if (candidate === value) continue;
    const distance = levenshtein(target, normaliseForMatch(candidate));
    if (distance <= limit && (!best || distance < best.distance)) best = {candidate, distance};
  }
  return best?.candidate ?? null;
}
