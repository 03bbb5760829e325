// Data loader: every figure cut by in_target_profile at every month end, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("figures_by_in_target_profile.json", () => readOutput("figures_by_in_target_profile"));
