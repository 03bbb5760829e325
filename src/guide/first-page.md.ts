// Page loader: the guide's "Your first page" example, running on the report's data.
import {renderFirstPage} from "../../loaders/docs/guide.js";

process.stdout.write(renderFirstPage());
