/** Recognising an export that is not UTF-8 (loaders/pipeline/ingest/encoding.ts), on bytes written by hand. */
import {describe, expect, it} from "vitest";
import {detectForeignEncoding, encodingMessage} from "../../../loaders/pipeline/ingest/encoding.js";

const detect = (b: Buffer, atEnd = true) => detectForeignEncoding(b, atEnd);

describe("detectForeignEncoding", () => {
  it("takes UTF-8 and ASCII, with or without a BOM, as they are", () => {
    expect(detect(Buffer.from("a,b\n1,Müller €\n"))).toBeNull();
    expect(detect(Buffer.from("\ufeffa,b\n"))).toBeNull();
    expect(detect(Buffer.alloc(0))).toBeNull();
  });

  it("does not mistake a UTF-8 character cut by the end of the first megabyte for another encoding", () => {
    const cut = Buffer.from("a,b\n1,é").subarray(0, -1); // é is C3 A9: A9 is left out
    expect(detect(cut, false)).toBeNull();
    expect(detect(cut, true)?.name).toBe("Latin-1 (ISO-8859-1)"); // at the end of the file it is a broken byte
  });

  it("names UTF-16 and UTF-32 by their byte order mark, and UTF-16 without one by its zero bytes", () => {
    expect(detect(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({name: "UTF-16 LE (with a byte order mark)", iconv: "UTF-16LE"});
    expect(detect(Buffer.from([0xfe, 0xff, 0x00, 0x61]))).toMatchObject({name: "UTF-16 BE (with a byte order mark)", iconv: "UTF-16BE"});
    expect(detect(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0]))).toMatchObject({iconv: "UTF-32LE"});
    expect(detect(Buffer.from("account_id,name\n", "utf16le"))).toMatchObject({name: "UTF-16 LE (without a byte order mark)"});
    expect(detect(Buffer.from("account_id,name\n", "utf16le").swap16())).toMatchObject({name: "UTF-16 BE (without a byte order mark)"});
  });

  it("tells Windows-1252 (bytes 0x80-0x9F used) from Latin-1, and says where the first foreign byte is", () => {
    expect(detect(Buffer.from("a,b\n1,x\n2,Café\n", "latin1"))).toEqual({
      name: "Latin-1 (ISO-8859-1)",
      iconv: "ISO-8859-1",
      evidence: "byte 0xE9 on line 3"
    });
    expect(detect(Buffer.from("a,b\n1,\x93quoted\x94 café\n", "latin1"))).toMatchObject({name: "Windows-1252 (Western European)", evidence: "byte 0x93 on line 2"});
  });
});

describe("encodingMessage", () => {
  it("says what was found and how to re-save the file as UTF-8", () => {
    expect(encodingMessage("accounts.csv.gz", {name: "UTF-16 LE (with a byte order mark)", iconv: "UTF-16LE"})).toBe(
      "accounts.csv.gz is not UTF-8: it is encoded as UTF-16 LE (with a byte order mark). Exports must be UTF-8. " +
        'Re-save it as UTF-8: in Excel, File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"; in LibreOffice Calc, ' +
        'Save As with "Edit filter settings" ticked and the character set "Unicode (UTF-8)"; ' +
        "or convert it: iconv -f UTF-16LE -t UTF-8 accounts.csv > accounts-utf8.csv, then put that file in place of accounts.csv.gz."
    );
  });
});
