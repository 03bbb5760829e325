// Data loader: team_owners.json, shaped from accounts.json by loaders/site/accounts-list.ts. Plain JavaScript:
// it copies the file loaders/site/prepare.ts made for this pipeline output (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("team_owners.json");
