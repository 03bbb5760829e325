import {describe, expect, it} from "vitest";
import {choice, choices, flag, numberIn, readParam, text, urlInput, writeParam, type UrlEnv} from "../../src/lib/url-state.js";
import {makeDocument} from "../components/render.js";

/** A fake address bar: replaceState records the URLs written. */
function fakeEnv(href: string): UrlEnv & {written: string[]} {
  const env = {
    written: [] as string[],
    location: {href},
    history: {
      state: null,
      replaceState(_data: unknown, _unused: string, url: string) {
        env.location.href = new URL(url, env.location.href).href;
        env.written.push(url);
      }
    }
  };
  return env;
}

describe("readParam", () => {
  const owners = choice(["All owners", "Ana Ruiz", "Ben Okafor"]);
  it("reads a known value, and the default when the link has none", () => {
    expect(readParam("?owner=Ana+Ruiz", "owner", owners)).toEqual({value: "Ana Ruiz", note: null});
    expect(readParam("?owner=Ana%20Ruiz", "owner", owners)).toEqual({value: "Ana Ruiz", note: null});
    expect(readParam("", "owner", owners)).toEqual({value: "All owners", note: null});
  });
  it("falls back to the default with a note for an unknown value, never throws", () => {
    const figures = choice(["cross_sell_rate", "multi_product_rate"], {noun: "figure"});
    expect(readParam("?figure=x", "figure", figures)).toEqual({value: "cross_sell_rate", note: "unknown figure 'x' in the link; showing the default"});
    expect(readParam("?owner=A&owner=B", "owner", owners).value).toBe("All owners");
    expect(readParam("?owner=%E0%A4%A", "owner", owners).value).toBe("All owners");
  });
  it("matches numbers by their text and honours an explicit default", () => {
    const top = choice([10, 20, 30], {default: 30});
    expect(readParam("?top=20", "top", top)).toEqual({value: 20, note: null});
    expect(readParam("?top=25", "top", top)).toEqual({value: 30, note: "unknown top '25' in the link; showing the default"});
  });
  it("reads several choices, drops unknown ones with a note, and tells an empty choice from none", () => {
    const cuts = choices(["SMB", "Mid-Market", "Enterprise"], {default: ["SMB"], noun: "cut"});
    expect(readParam("?cut=Enterprise&cut=SMB", "cut", cuts)).toEqual({value: ["Enterprise", "SMB"], note: null});
    expect(readParam("?cut=Enterprise&cut=Nope", "cut", cuts)).toEqual({value: ["Enterprise"], note: "unknown cut 'Nope' in the link; showing the default"});
    expect(readParam("?cut=Nope", "cut", cuts)).toEqual({value: ["SMB"], note: "unknown cut 'Nope' in the link; showing the default"});
    expect(readParam("?cut=", "cut", cuts)).toEqual({value: [], note: null});
  });
  it("reads numbers within their range, flags and text", () => {
    const min = numberIn(0, 5000, {default: 0});
    expect(readParam("?min=1500", "min", min).value).toBe(1500);
    expect(readParam("?min=1500.0", "min", min)).toEqual({value: 1500, note: null});
    expect(readParam("?min=9000", "min", min).note).toBe("unknown min '9000' in the link; showing the default");
    expect(readParam("?min=abc", "min", min).value).toBe(0);
    expect(readParam("?min=", "min", min).value).toBe(0);
    expect(readParam("?active=false", "active", flag({default: true})).value).toBe(false);
    expect(readParam("?active=0", "active", flag({default: true})).value).toBe(false);
    expect(readParam("?active=maybe", "active", flag({default: true}))).toEqual({value: true, note: "unknown active 'maybe' in the link; showing the default"});
    expect(readParam("?q=acme+corp", "q", text()).value).toBe("acme corp");
  });
});

describe("writeParam", () => {
  const owners = choice(["All owners", "Ana Ruiz"]);
  it("sets the parameter, keeps the others and leaves the default out", () => {
    expect(writeParam("?segment=SMB", "owner", owners, "Ana Ruiz")).toBe("?segment=SMB&owner=Ana+Ruiz");
    expect(writeParam("?segment=SMB&owner=Ana+Ruiz", "owner", owners, "All owners")).toBe("?segment=SMB");
    expect(writeParam("?owner=Ana+Ruiz", "owner", owners, "All owners")).toBe("");
  });
  it("round-trips every kind of value through the query", () => {
    const cuts = choices(["SMB", "Mid-Market", "A&B"], {default: ["SMB"]});
    for (const value of [["Mid-Market", "A&B"], [], ["SMB"]]) {
      expect(readParam(writeParam("", "cut", cuts, value), "cut", cuts).value).toEqual(value);
    }
    const q = text();
    for (const value of ["", "O'Brien & \"Sons\" 🚀", "a=b?c#d"]) expect(readParam(writeParam("?x=1", "q", q, value), "q", q).value).toBe(value);
  });
});

describe("urlInput", () => {
  const document = makeDocument();
  const makeSelect = (options: string[]) => (initial: string) => {
    const s = document.createElement("select");
    for (const o of options) {
      const option = document.createElement("option");
      option.value = option.textContent = o;
      s.append(option);
    }
    s.value = initial;
    return s;
  };
  const owners = ["All owners", "Ana Ruiz", "Ben Okafor"];

  it("starts from the link's value and writes each change back, keeping path, other parameters and hash", () => {
    const env = fakeEnv("http://localhost/priority-matrix?segment=SMB&owner=Ben+Okafor#table");
    const wrapper = urlInput("owner", choice(owners), makeSelect(owners), {env});
    expect(wrapper.value).toBe("Ben Okafor");
    const select = wrapper.querySelector("select")!;
    select.value = "Ana Ruiz";
    select.dispatchEvent(new document.defaultView!.Event("input", {bubbles: true}));
    expect(env.written).toEqual(["/priority-matrix?segment=SMB&owner=Ana+Ruiz#table"]);
    expect(wrapper.value).toBe("Ana Ruiz");
    select.value = "All owners";
    select.dispatchEvent(new document.defaultView!.Event("input", {bubbles: true}));
    expect(env.written.at(-1)).toBe("/priority-matrix?segment=SMB#table");
  });

  it("shows the default and a visible note for an unknown value, removed once the user chooses", () => {
    const env = fakeEnv("http://localhost/priority-matrix?owner=Nobody");
    const wrapper = urlInput("owner", choice(owners), makeSelect(owners), {env});
    expect(wrapper.value).toBe("All owners");
    expect(wrapper.querySelector(".url-note")!.textContent).toBe("unknown owner 'Nobody' in the link; showing the default");
    expect(wrapper.querySelector(".url-note")!.getAttribute("role")).toBe("status");
    const select = wrapper.querySelector("select")!;
    select.value = "Ana Ruiz";
    select.dispatchEvent(new document.defaultView!.Event("input", {bubbles: true}));
    expect(wrapper.querySelector(".url-note")).toBeNull();
  });

  it("works without a browser address (no env): the default, nothing written", () => {
    const wrapper = urlInput("owner", choice(owners), makeSelect(owners), {env: null});
    expect(wrapper.value).toBe("All owners");
  });
});
