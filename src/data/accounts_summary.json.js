// Data loader: accounts_summary.json, shaped from accounts.json by loaders/site/accounts-list.ts. Plain JavaScript:
// it copies the file loaders/site/prepare.ts made for this pipeline output (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("accounts_summary.json");
