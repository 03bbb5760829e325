// Data loader: the accounts list of each drill-down view (accounts_list/<view>.json), one archive
// so that one process serves them all; shaped from accounts.json by loaders/site/accounts-list.ts.
// Plain JavaScript: it copies the file loaders/site/prepare.ts made (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("accounts_list.tar");
