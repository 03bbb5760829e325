-- Parsing rules shared by every staging model (data-contract.md). Each returns
-- NULL when the text does not follow the rule, so that a model can tell an empty
-- cell (blank_to_null IS NULL) from an unparseable one (parse_* IS NULL).

-- The text without the spaces around it. trim() copies every string; most cells have no
-- space to remove, so they are passed through untouched (same result, a fraction of the cost).
-- `spaces` false says no value of the file starts or ends with a space (ingest/scan.ts): nothing is
-- looked at (the two tests per cell cost about a second on the millions of cells of a benchmark's
-- invoice lines, a third of a second on its opportunities).
CREATE OR REPLACE MACRO trim_spaces(s, spaces := true) AS CASE WHEN spaces AND (starts_with(s, ' ') OR ends_with(s, ' ')) THEN trim(s) ELSE s END;

-- An empty or all-blank cell is unknown.
CREATE OR REPLACE MACRO blank_to_null(s, spaces := true) AS nullif(trim_spaces(s, spaces := spaces), '');

-- Ids: the white space around them goes, Unicode's too (tab, no-break and narrow no-break
-- spaces, the U+2000 spaces, zero-width space and joiners, ideographic space, the BOM), so
-- that "A1" and "A1<U+00A0>" are one customer; a control character left inside is a reject.
-- `unusual` says the file holds a byte that may start such a character (ingest/scan.ts): a
-- regular expression over every id of millions of lines costs seconds, so files without one
-- (nearly all) only have their spaces trimmed.
CREATE OR REPLACE MACRO trim_id(s, unusual, spaces := true) AS CASE
  WHEN unusual
    THEN regexp_replace(s, '^[\s\x0B\x{0085}\x{00A0}\x{1680}\x{180E}\x{2000}-\x{200D}\x{2028}\x{2029}\x{202F}\x{205F}\x{2060}\x{3000}\x{FEFF}]+|[\s\x0B\x{0085}\x{00A0}\x{1680}\x{180E}\x{2000}-\x{200D}\x{2028}\x{2029}\x{202F}\x{205F}\x{2060}\x{3000}\x{FEFF}]+$', '', 'g')
  ELSE trim_spaces(s, spaces := spaces)
END;
CREATE OR REPLACE MACRO blank_id_to_null(s, unusual, spaces := true) AS nullif(trim_id(s, unusual, spaces := spaces), '');
-- Whether a row's ids are trimmed and looked at closely (the `unusual` of the macros around):
-- its file may hold unusual text, or one of its quoted fields holds a line end, which a file
-- without any unusual byte may too (`newlines`: the read's count of them, NULL when none).
CREATE OR REPLACE MACRO row_unusual_text(file_unusual, newlines) AS file_unusual OR newlines IS NOT NULL;
-- A trimmed id holding a C0 or C1 control character (NUL, tab, line end, DEL, U+0080-U+009F).
CREATE OR REPLACE MACRO id_has_control(id, unusual) AS unusual AND regexp_matches(id, '[\x00-\x1F\x7F-\x{9F}]');
CREATE OR REPLACE MACRO id_control_reason(id) AS
  'control character U+' || printf('%04X', ord(regexp_extract(id, '[\x00-\x1F\x7F-\x{9F}]'))) || ' in the id (ids may not hold control characters)';

-- A zone written Z, UTC, +HH, +HHMM or +HH:MM (or with -), its shape already checked: minutes east of UTC.
CREATE OR REPLACE MACRO zone_offset_minutes(z) AS CASE
  WHEN z IN ('Z', 'z', 'UTC') THEN 0
  ELSE (CASE WHEN z[1] = '-' THEN -1 ELSE 1 END)
       * (CAST(z[2:3] AS INTEGER) * 60 + coalesce(CAST(nullif(replace(z[4:], ':', ''), '') AS INTEGER), 0))
END;

-- ISO date, from text already trimmed: YYYY-MM-DD; or a timestamp (the date, T or a space,
-- HH:MM[:SS[.fraction]]) with a zone (Z, UTC, +HH, +HHMM, +HH:MM or the same with -; white space
-- before it allowed) taken at its UTC date, or without a zone at its written date.
-- The whole text must have one of these shapes before anything is cast: DuckDB's casts are lax,
-- they stop at the first character they do not expect ('2024-03-1O' AS DATE is 2024-03-01, a
-- typo loaded as the 1st of the month) and take '2024/01/05', '2024-1-5' or an offset +25:00.
-- The cast then checks the values (2023-02-29, month 13, 25:00 are NULL). Plain dates, the
-- common case on millions of rows, cost one GLOB: the same test as the regex \d{4}-\d{2}-\d{2}
-- (RE2's \d is ASCII 0-9 only) at half its cost.
-- DuckDB's TIMESTAMPTZ cast refuses some zones the contract's shape allows (z, ' Z', '10:00Z'),
-- so a zoned timestamp is read as its written time less its offset.
CREATE OR REPLACE MACRO parse_trimmed_date(t) AS CASE
  WHEN length(t) = 10
    THEN CASE WHEN t GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN try_cast(t AS DATE) END
  WHEN length(t) < 16
    THEN NULL
  WHEN regexp_full_match(t, '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?')
    THEN CAST(try_cast(t AS TIMESTAMP) AS DATE)
  WHEN regexp_full_match(t, '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|UTC|[+-](0\d|1[0-4])(:?[0-5]\d)?)')
    THEN CAST(try_cast(regexp_replace(t, '\s*(Z|z|UTC|[+-]\d{2}(:?\d{2})?)$', '') AS TIMESTAMP)
              - to_minutes(zone_offset_minutes(regexp_extract(t, '(Z|z|UTC|[+-]\d{2}(:?\d{2})?)$'))) AS DATE)
END;

-- ISO date, from raw text. A macro's argument is repeated wherever it is used: a model with
-- millions of rows trims the cell once in a CTE and calls parse_trimmed_date instead.
CREATE OR REPLACE MACRO parse_date(s) AS parse_trimmed_date(trim_spaces(s));

-- A parsed date the report can use: a date before 1900 or after 2100 is a typo or a placeholder
-- (0001-01-01, 9999-12-31), never a real invoice or deal, and would stretch every date series
-- the metrics build (one as-of date per month, one bucket per day) over centuries.
CREATE OR REPLACE MACRO date_in_range(d) AS d BETWEEN DATE '1900-01-01' AND DATE '2100-12-31';
CREATE OR REPLACE MACRO date_out_of_range_reason() AS 'out of range (expected a date from 1900-01-01 to 2100-12-31)';

-- Decimal with '.' as separator, optional sign, no thousands separators, no exponent.
-- DuckDB's cast already refuses ',' and spaces inside; it accepts exponents and '_' digit
-- separators, which are refused here (cheap contains() checks rather than a regex).
CREATE OR REPLACE MACRO parse_trimmed_amount(t) AS CASE
  WHEN NOT (contains(t, 'e') OR contains(t, 'E') OR contains(t, '_'))
    THEN try_cast(t AS DECIMAL(18, 4))
END;
CREATE OR REPLACE MACRO parse_amount(s) AS parse_trimmed_amount(trim_spaces(s));

-- Why an amount that parse_amount refused was refused: written as a decimal but beyond
-- DECIMAL(18, 4) (14 digits before the point), or not a decimal at all.
CREATE OR REPLACE MACRO amount_reason(s) AS CASE
  WHEN regexp_full_match(trim(s), '[+-]?(\d+(\.\d*)?|\.\d+)')
    THEN 'amount out of range (at most 14 digits before the decimal point)'
  ELSE 'not a decimal amount (use . as decimal separator, no thousands separators)'
END;

-- The rate that turns an amount in `currency` into the reporting currency (data-contract.md,
-- fx_rates.csv): 1 for the reporting currency itself, else the currency's rate for the month of
-- the line or deal, else its standing rate (month left empty); NULL when it has neither (staging
-- rejects such a line or deal). The readers join the two rates; the order they are taken in is here.
CREATE OR REPLACE MACRO reporting_rate(currency, reporting_currency, month_rate, standing_rate) AS
  CASE WHEN currency = reporting_currency THEN CAST(1 AS DECIMAL(18, 8)) ELSE coalesce(month_rate, standing_rate) END;

-- An amount times its reporting_rate, exactly. Widened to DECIMAL(38, 4) first: DECIMAL(18, 4) *
-- DECIMAL(18, 8) would stay DECIMAL(18, 12) and overflow from an amount of 1,000,000.
CREATE OR REPLACE MACRO in_reporting_currency(amount, rate) AS CAST(amount AS DECIMAL(38, 4)) * rate;

-- true/false, 1/0, yes/no in any case.
CREATE OR REPLACE MACRO parse_bool(s) AS CASE
  WHEN lower(trim(s)) IN ('true', '1', 'yes') THEN true
  WHEN lower(trim(s)) IN ('false', '0', 'no') THEN false
END;

-- A demand-unit score: an integer 0-3.
CREATE OR REPLACE MACRO parse_score(s) AS CASE
  WHEN regexp_full_match(trim(s), '[0-3]') THEN CAST(trim(s) AS INTEGER)
END;

-- One reject reason, as carried through the models.
CREATE OR REPLACE MACRO reject_of(column_name, raw_value, reason) AS
  {'column': column_name, 'value': coalesce(raw_value, ''), 'reason': reason};

-- A rule as stored in chk_invoice_lines: its JSON text (NULL: none). An in-memory table stores
-- its columns uncompressed, a NULL too: the struct's three text fields cost ~210 MB per 10M
-- lines, nearly all of them NULL, one text ~65 MB (measured: less for the lines to spill).
-- rule_of_text gives the struct back, field for field (JSON escapes every character).
CREATE OR REPLACE MACRO rule_as_text(r) AS to_json(r)::VARCHAR;
CREATE OR REPLACE MACRO rule_of_text(t) AS
  CASE WHEN t IS NOT NULL THEN {'column': t->>'column', 'value': t->>'value', 'reason': t->>'reason'} END;

-- The duplicate-key rule of every export. `checked` names a relation of (rid, key, rule, line,
-- value): among its rows that broke no rule so far and have a key, every row after the first
-- one (lowest line) with the same key, as (rid, value, first_line), first_line being the line of
-- that first row. Grouping millions of keys is costly, so candidates are found on a 64-bit hash
-- of the key first, then confirmed on the key itself (a struct key compares field by field, an
-- empty field equal to an empty field). `checked` is read twice: a CTE passed here is declared
-- NOT MATERIALIZED, or DuckDB may copy all its rows first (seconds on millions of invoice lines).
CREATE OR REPLACE MACRO duplicate_rows(checked) AS TABLE
WITH candidate_keys AS (
  SELECT hash(key) AS key_hash FROM query_table(checked) WHERE rule IS NULL AND key IS NOT NULL GROUP BY ALL HAVING count(*) > 1
),
candidates AS (
  SELECT rid, value, line, min(line) OVER (PARTITION BY key) AS first_line
  FROM query_table(checked) AS keyed SEMI JOIN candidate_keys ON candidate_keys.key_hash = hash(keyed.key)
  WHERE rule IS NULL AND key IS NOT NULL
)
SELECT rid, value, first_line FROM candidates WHERE line > first_line;

-- An invoice line's key (invoice_id, line_id) after another one, in an order where line 10 comes
-- after line 9 (the order billing exports are written in): invoice_id, then line_id by length,
-- then by text. Any strict order would do for chk_invoice_lines_late, which looks for keys
-- increasing from row to row; this one is the usual file's.
CREATE OR REPLACE MACRO line_key_after(invoice_a, line_a, invoice_b, line_b) AS
  invoice_a > invoice_b
  OR (invoice_a = invoice_b AND (length(line_a) > length(line_b) OR (length(line_a) = length(line_b) AND line_a > line_b)));

-- The rules beyond the row of a late model, first broken one reported: the rows of `earlier`
-- (rid, rule), then those of `later` that break a rule and are not in `earlier`.
CREATE OR REPLACE MACRO first_broken(earlier, later) AS TABLE
SELECT rid, rule FROM query_table(earlier)
UNION ALL
SELECT rid, rule FROM query_table(later)
WHERE rule IS NOT NULL AND rid NOT IN (SELECT rid FROM query_table(earlier));
