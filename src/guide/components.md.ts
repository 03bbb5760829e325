// Page loader: every component with its options and a live example (from docs/guide.md).
import {renderComponentsPage} from "../../loaders/docs/guide.js";

process.stdout.write(renderComponentsPage());
