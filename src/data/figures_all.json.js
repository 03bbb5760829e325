// Data loader: the overall figures at every month end (Retention, Trends), from figures.json.
// Plain JavaScript: it copies the file loaders/site/prepare.ts made (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("figures_all.json");
