import {createHash} from "node:crypto";
import {createReadStream} from "node:fs";

/**
 * Marks work started alongside DuckDB's read of the same file (hashing, the byte scans),
 * which is awaited only once that read succeeded. When the read fails first the promise is
 * left behind, and its own failure then (the file deleted, a truncated .gz) must not become
 * an unhandled rejection, which ends the process (the dev server, a test run) after the
 * pipeline already reported the read's error. Awaiting the returned promise still throws.
 */
export function alongside<T>(work: Promise<T>): Promise<T> {
  work.catch(() => {});
  return work;
}

/** sha256 of a file's bytes, streamed (exports can be large). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, {highWaterMark: 1 << 20})) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
