import {describe, expect, it} from "vitest";
import {escapeHtml} from "../../loaders/text/html.js";

describe("escapeHtml", () => {
  it("escapes the characters that could open markup or close an attribute, and nothing else", () => {
    expect(escapeHtml(`Tom & Jerry's <b>"best"</b> ✓`)).toBe("Tom &amp; Jerry&#39;s &lt;b&gt;&quot;best&quot;&lt;/b&gt; ✓");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;"); // text, not markup: escaped again
  });
});
