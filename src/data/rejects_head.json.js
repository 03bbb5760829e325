// Data loader: the first 1,000 rejects and their total (the full file ships as rejects.csv). Plain
// JavaScript: it copies the file loaders/site/prepare.ts made for this pipeline output (checked
// against its schema; see loaders/site/site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("rejects_head.json");
