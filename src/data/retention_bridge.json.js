// Data loader: the revenue bridge for the Retention page — overall at every month end and every cut at
// the as-of date — from revenue_bridge.json (loaders/site/shape.ts retentionBridge). Plain JavaScript: it
// copies the file loaders/site/prepare.ts made for this pipeline output (checked against its schema; see
// loaders/site/site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("retention_bridge.json");
