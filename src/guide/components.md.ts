// Page loader: every component with its options and a live example (from docs/guide.md).
import {renderComponentsPage} from "../../loaders/tools/docs/guide.js";

process.stdout.write(renderComponentsPage());
