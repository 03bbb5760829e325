// Data loader: the overall figures at the end of the previous period (the Overview's changes), from
// figures.json. Plain JavaScript: it copies the file loaders/site/prepare.ts made (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("figures_previous.json");
