// Data loader: the account pages' data, one file per shard (src/lib/slug.ts accountShard), in one
// archive: the account page loads FileAttachment("data/account_pages/NN.json") and Framework
// extracts that member, so one process serves every account instead of one process per account.
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("account_pages.tar");
