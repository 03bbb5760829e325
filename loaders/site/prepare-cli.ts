// `node --import tsx loaders/site/prepare-cli.ts DATA_DIR CACHE_DIR`: run by
// loaders/site/site-cache.mjs when the first data loader finds no prepared folder.
import {pruneSiteCaches} from "./site-cache.mjs";
import {prepareSiteData} from "./prepare.js";

const [dir, cache] = process.argv.slice(2);
try {
  if (!dir || !cache) throw new Error("usage: prepare-cli.ts DATA_DIR CACHE_DIR");
  prepareSiteData(dir, cache);
  pruneSiteCaches(cache);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
