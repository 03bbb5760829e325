// Data loader: every figure for every cut at the as-of date (Team page), from figures.json.
// Plain JavaScript: it copies the file loaders/site/prepare.ts made (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("figures_current.json");
