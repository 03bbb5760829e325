// Data loader: the accounts search index, 64 shards by word prefix (accounts_search/NN.json), one
// archive so that one process serves them all; made by loaders/site/accounts-list.ts searchIndex.
// Plain JavaScript: it copies the file loaders/site/prepare.ts made (site-cache.mjs).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("accounts_search.tar");
