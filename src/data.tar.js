// Archive loader: every file a page loads as data/<name> (kpis.json, figures_all.json, rejects.csv…;
// the list is loaders/site/served.ts) in one tar. A page keeps writing FileAttachment("data/kpis.json"):
// with no src/data/kpis.json nor a loader of that name, Framework looks for an archive of the folder,
// src/data.tar.js, and extracts the member, so one process serves them all instead of one each.
// Plain JavaScript: it streams the folder loaders/site/prepare.ts made for this pipeline output.
import {emitSiteArchive} from "../loaders/site/site-cache.mjs";

emitSiteArchive("data");
