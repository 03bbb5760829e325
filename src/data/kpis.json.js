// Data loader: kpis.json as the pipeline wrote it (row arrays encoded). Plain JavaScript: it copies
// the file loaders/site/prepare.ts made for this pipeline output (site-cache.mjs), no tsx start.
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("kpis.json");
