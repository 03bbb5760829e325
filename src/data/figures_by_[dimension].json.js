// Parameterised data loader: every figure cut by one breakdown (--dimension=<id>, one of
// src/catalog/dimensions.ts) at every month end: figures_by_segment.json and so on. Plain
// JavaScript: it copies the file loaders/site/prepare.ts made for that breakdown (site-cache.mjs).
import {parseArgs} from "node:util";
import {emitSiteFile} from "../../loaders/site/site-cache.mjs";

const {values} = parseArgs({options: {dimension: {type: "string"}}});
emitSiteFile(`figures_by_${values.dimension ?? ""}.json`, "figures_by_");
