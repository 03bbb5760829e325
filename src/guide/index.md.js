// Page loader: the analyst's guide (docs/guide.md) as a page of the site, code shown. Plain JavaScript: it copies the page
// loaders/site/prepare.ts rendered with loaders/tools/docs (no tsx start per page).
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

emitSiteFile("pages/guide/index.md");
