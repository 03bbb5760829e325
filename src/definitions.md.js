// Page loader: the Definitions page, with a static anchor per figure and the bands in force. Plain
// JavaScript: it copies the page loaders/site/prepare.ts wrote for this pipeline output (definitions.ts).
import {emitSiteFile} from "../loaders/site/site-cache.mjs";

emitSiteFile("pages/definitions.md");
