// Page loader: the guide's "Your first page" example, running on the report's data.
import {renderFirstPage} from "../../loaders/tools/docs/guide.js";

process.stdout.write(renderFirstPage());
