// Data loader: the top "Pursue now" demand units by potential (Overview), from demand_units.json.
// Plain JavaScript: it copies the file loaders/site/prepare.ts made for this pipeline output (checked
// against its schema; see loaders/site/site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("pursue_now.json");
