// Data loader: ttc_accounts as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("ttc_accounts.json", () => readOutput("ttc_accounts"));
