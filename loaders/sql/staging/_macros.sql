-- Parsing rules shared by every staging model (data-contract.md). Each returns
-- NULL when the text does not follow the rule, so that a model can tell an empty
-- cell (blank_to_null IS NULL) from an unparseable one (parse_* IS NULL).

-- An empty or all-blank cell is unknown.
CREATE OR REPLACE MACRO blank_to_null(s) AS nullif(trim(s), '');

-- ISO date; a timestamp with a zone is taken at its UTC date, one without a zone at its written date.
-- The plain date is checked with string functions, not a regex: it is the common case on
-- millions of rows (DuckDB's own cast is laxer, e.g. '2024/01/05', hence the shape check).
CREATE OR REPLACE MACRO parse_date(s) AS CASE
  WHEN length(trim(s)) = 10 AND trim(s)[5] = '-' AND trim(s)[8] = '-'
    THEN try_cast(trim(s) AS DATE)
  WHEN length(trim(s)) <= 10
    THEN NULL
  WHEN regexp_full_match(trim(s), '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|UTC|[+-]\d{2}(:?\d{2})?)')
    THEN CAST(timezone('UTC', try_cast(trim(s) AS TIMESTAMPTZ)) AS DATE)
  WHEN regexp_full_match(trim(s), '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?')
    THEN CAST(try_cast(trim(s) AS TIMESTAMP) AS DATE)
END;

-- Decimal with '.' as separator, optional sign, no thousands separators, no exponent.
-- DuckDB's cast already refuses ',' and spaces inside; it accepts exponents and '_' digit
-- separators, which are refused here (cheap contains() checks rather than a regex).
CREATE OR REPLACE MACRO parse_amount(s) AS CASE
  WHEN NOT (contains(s, 'e') OR contains(s, 'E') OR contains(s, '_'))
    THEN try_cast(trim(s) AS DECIMAL(18, 4))
END;

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
