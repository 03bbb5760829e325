/**
 * Whether the built site holds a board pack (report.pdf), as a data file the Overview reads.
 *
 * The Overview used to ask the server (HEAD report.pdf); without a board pack the answer was
 * a 404, which the browser logs as a console error on every visit. Now the build ships
 * data/board_pack.json saying {"pdf": false} (loaders/site/prepare.ts), and once report.pdf is
 * printed into the built site (loaders/site/pdf/board-pack.ts, after the build) markBoardPack
 * rewrites that file to {"pdf": true} the way Framework would have written it: under the hash
 * of its new content, with the page's registration (path and size) updated to match, so a
 * browser or host caching the old file by its hashed name never serves the stale answer.
 */
import {createHash} from "node:crypto";
import {existsSync, readFileSync, readdirSync, renameSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";

/** The prepared file's name; the page loads it as data/board_pack.json. */
export const BOARD_PACK_FILE = "board_pack.json";

/** The file's text. */
export function boardPackJson(pdf: boolean): string {
  return JSON.stringify({pdf});
}

/** Framework's content hash of a file (the 8 hex digits in its built name). */
function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/** Every .html file under `dir`. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.isFile() && e.name.endsWith(".html") ? [join(dir, e.name)] : []
  );
}

/**
 * Marks the built site `siteDir` as holding a board pack. Returns the flag file's new path.
 * Throws naming the folder when the site has no (or more than one) board_pack file: a site
 * built before the flag existed, or not by this project.
 */
export function markBoardPack(siteDir: string): string {
  const dataDir = join(siteDir, "_file", "data");
  const pattern = /^board_pack\.([0-9a-f]{8})\.json$/;
  const found = existsSync(dataDir) ? readdirSync(dataDir).filter((n) => pattern.test(n)) : [];
  if (found.length !== 1) {
    throw new Error(`${dataDir}: expected one board_pack.<hash>.json, found ${found.length ? found.join(", ") : "none"}: rebuild the site (npm run build) before printing the board pack`);
  }
  const text = boardPackJson(true);
  const oldName = found[0];
  const newName = `board_pack.${contentHash(text)}.json`;
  writeFileSync(join(dataDir, oldName), text);
  if (newName !== oldName) renameSync(join(dataDir, oldName), join(dataDir, newName));
  const oldPath = `_file/data/${oldName}`;
  const newPath = `_file/data/${newName}`;
  // A page registers the file as {"name":…,"path":"…/_file/data/board_pack.<hash>.json",…,"size":N}.
  const registration = new RegExp(`("path":"[^"]*)${oldPath.replace(/\./g, "\\.")}("[^}]*"size":)\\d+`, "g");
  for (const html of htmlFiles(siteDir)) {
    const before = readFileSync(html, "utf8");
    if (!before.includes(oldPath)) continue;
    const after = before.replace(registration, (_, head: string, middle: string) => `${head}${newPath}${middle}${Buffer.byteLength(text)}`).replaceAll(oldPath, newPath);
    writeFileSync(html, after);
  }
  return relative(siteDir, join(dataDir, newName));
}
