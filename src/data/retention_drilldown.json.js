// Data loader: the accounts behind each bar of the revenue bridge (Retention page's drill-down) — per bar
// the count and total, and the accounts with the largest amounts — from retention_accounts.json
// (loaders/site/shape.ts retentionDrilldown). Plain JavaScript: it copies the file loaders/site/prepare.ts
// made for this pipeline output (checked against its schema; see loaders/site/site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("retention_drilldown.json");
