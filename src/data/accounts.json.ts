// Data loader: accounts as written by the pipeline, validated with its schema.
import {emitJson, readOutput} from "../../loaders/site/read.js";

await emitJson("accounts.json", () => readOutput("accounts"));
