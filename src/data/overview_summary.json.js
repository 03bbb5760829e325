// Data loader: the Overview's "What changed, in words" (loaders/site/summary.ts), written from kpis.json,
// figures.json, white_space.json and demand_units.json. Plain JavaScript: it copies the file
// loaders/site/prepare.ts made for this pipeline output (see loaders/site/site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("overview_summary.json");
