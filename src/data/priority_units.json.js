// Data loader: the demand units the priority matrix shows (all, or the 10,000 with the largest
// potential when there are more) and how many there are in all. Plain JavaScript: it copies the file
// loaders/site/prepare.ts made for this pipeline output (checked against its schema; see
// loaders/site/site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("priority_units.json");
