// Data loader: the Overview's sparklines, each overall figure's value at every month end (figure,
// date, value only). Plain JavaScript: it copies the file loaders/site/prepare.ts made (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("overview_trend.json");
