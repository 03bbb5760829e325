/**
 * npx tsx loaders/tools/sample/profile.ts [DIR] — a quick, rough estimate of the
 * headline figures of a generated sample, used to tune the generator so that
 * its figures land near the benchmark bands. It is NOT the pipeline: rows that
 * would be rejected are skipped with try_cast, EUR is converted at one rate.
 */
import {openDatabase, queryRows, runSql} from "../../pipeline/db.js";
import {join} from "node:path";

export const PROFILE_SQL = (dir: string) => `
create temp table lines as
  select coalesce(m.account_id, l.customer_id) as a, l.product_id as p,
         try_cast(l.invoice_date as date) as d,
         try_cast(l.amount as decimal(18,2)) * (case when l.currency = 'EUR' then 1.08 else 1 end) as amt
  from read_csv('${join(dir, "invoice_lines.csv")}', all_varchar = true) l
  left join read_csv('${join(dir, "account_map.csv")}', all_varchar = true) m using (customer_id)
  where try_cast(l.invoice_date as date) is not null and try_cast(l.amount as double) is not null
    and coalesce(l.currency, 'USD') in ('USD', 'EUR');
create temp table params as
  select max(d) as as_of, (max(d) - interval 12 month)::date as s_excl, (max(d) - interval 24 month)::date as s0_excl from lines;
create temp table adoption as
  select a, p, min(d) as adopted from lines where amt > 0 group by all;
create temp table firsts as select a, min(adopted) as first_on from adoption group by a;
create temp table xs as
  select x.a, x.p, x.adopted from adoption x join firsts f using (a) where x.adopted > f.first_on;
create temp table holds_d as
  select a, p from lines, params where d > s_excl and d <= as_of group by a, p having sum(amt) > 0;
create temp table active_d as
  select a from lines, params where d > s_excl and d <= as_of group by a having sum(amt) > 0;
create temp table active_s as
  select a from lines, params where d > s0_excl and d <= s_excl group by a having sum(amt) > 0;
create temp table opps as
  select type, stage, try_cast(close_date as date) as c from read_csv('${join(dir, "opportunities.csv")}', all_varchar = true);
select
  (select count(*) from active_s) as existing_at_S,
  (select count(distinct e.a) from active_s e join xs using (a), params where adopted > s_excl and adopted <= as_of)
    / (select count(*) from active_s) as cross_sell_rate,
  (select count(*) from (select a from holds_d group by a having count(*) >= 2)) / (select count(*) from active_d) as multi_product_rate,
  (select sum(amt) filter (where xs.a is not null) / sum(amt) from lines l left join xs on l.a = xs.a and l.p = xs.p, params where d > s_excl and d <= as_of)
    as cross_sell_revenue_share,
  (select median(datediff('day', f.first_on, t.first_x) / 30.4375) from (select a, min(adopted) as first_x from xs group by a) t
     join firsts f using (a), params where first_x > s_excl and first_x <= as_of) as time_to_cross_sell_months,
  (select count(*) from (select a, min(adopted) as first_x from xs group by a) t, params where first_x > s_excl and first_x <= as_of) as ttc_count,
  (select count(*) filter (where stage = 'won') / count(*) filter (where stage in ('won','lost')) from opps, params where type = 'cross_sell' and c > s_excl and c <= as_of) as cross_sell_win_rate,
  (select count(*) filter (where stage = 'won') / count(*) filter (where stage in ('won','lost')) from opps, params where type = 'new_business' and c > s_excl and c <= as_of) as new_business_win_rate,
  (select count(*) filter (where stage = 'won') / count(*) filter (where stage in ('won','lost')) from opps, params where type = 'upsell' and c > s_excl and c <= as_of) as upsell_win_rate,
  (select count(*) from active_d) as active_at_D,
  (select count(*) from holds_d) / (select count(*) from active_d) as products_per_customer,
  (select count(*) from (select a from holds_d where p in ('CRM','ANL','MKT','SVC','DAT') group by a having count(*) = 5)) / (select count(*) from active_d) as full_suite_rate
`;

export async function profileSample(dir: string): Promise<Record<string, unknown>> {
  const db = await openDatabase();
  try {
    const statements = PROFILE_SQL(dir).split(";").map((s) => s.trim()).filter(Boolean);
    for (const s of statements.slice(0, -1)) await runSql(db.conn, s);
    const [row] = await queryRows(db.conn, statements[statements.length - 1]);
    return row;
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  profileSample(process.argv[2] ?? "data").then(
    (row) => console.log(JSON.stringify(row, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    }
  );
}
