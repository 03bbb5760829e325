// Data loader: revenue_bridge as written by the pipeline. Plain JavaScript: it copies the file
// loaders/site/prepare.ts made for this pipeline output (checked against its schema; see
// loaders/site/site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("revenue_bridge.json");
