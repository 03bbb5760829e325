// `node --import tsx loaders/site/prepare-cli.ts DATA_DIR [CACHE_DIR]`: run by
// loaders/site/site-cache.mjs when the first loader finds no prepared folder, and by
// loaders/refresh/site-build.ts beside Framework's start. CACHE_DIR defaults to the
// folder site-cache.mjs keys for DATA_DIR. One process prepares a folder at a time:
// another one started meanwhile waits for it (the lock file names the preparing process).
import {lockPrepare, pruneSiteCaches, siteCacheDir, unlockPrepare, waitForPrepare} from "./site-cache.mjs";

const [dir, given] = process.argv.slice(2);
try {
  if (!dir) throw new Error("usage: prepare-cli.ts DATA_DIR [CACHE_DIR]");
  const cache = given ?? siteCacheDir(dir);
  while (!waitForPrepare(cache)) {
    if (!lockPrepare(cache)) continue; // another process took it first: wait for that one
    try {
      // Imported once the lock is held: the lock is taken a second sooner for the loaders to see.
      const {prepareSiteData} = await import("./prepare.js");
      prepareSiteData(dir, cache);
      pruneSiteCaches(cache);
    } finally {
      unlockPrepare(cache);
    }
  }
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
