// Page loader: the analyst's guide (docs/guide.md) as a page of the site, code shown.
import {renderGuidePage} from "../../loaders/tools/docs/guide.js";

process.stdout.write(renderGuidePage());
