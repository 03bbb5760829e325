// A jsdom document for rendering components in node (Plot takes {document}).
// @ts-expect-error jsdom ships no types here (@types/jsdom is not installed); only JSDOM is used.
import {JSDOM} from "jsdom";

export function makeDocument(): Document {
  const dom = new JSDOM("<!doctype html><html><body></body></html>", {pretendToBeVisual: true});
  return dom.window.document;
}
