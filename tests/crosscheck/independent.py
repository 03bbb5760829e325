"""
An independent implementation of the headline figures of shared/spec/metrics.md
(and of NRR, GRR and the revenue bridge of its "Retention and expansion"), in
plain Python with no shared code (no DuckDB, no SQL), used by
tests/crosscheck/crosscheck.test.ts to check the pipeline's kpis.json and
revenue_bridge.json on the bundled sample. Written straight from the spec; the rejection rules it needs
are the sample's planted defects (unparseable dates/amounts, unknown
products, missing fx rates, duplicate line keys and opportunity ids).

usage: python3 independent.py EXPORTS_DIR AS_OF  → JSON on stdout
"""
import csv, datetime as dt, statistics, json, sys
from collections import defaultdict
D = dt.date.fromisoformat(sys.argv[2])
def minus12(d):
    y, m = d.year-1, d.month
    import calendar
    last = calendar.monthrange(y, m)[1]
    return dt.date(y, m, min(d.day, last))
S = minus12(D)
base = sys.argv[1]
prods = {r['product_id']: r for r in csv.DictReader(open(f'{base}/products.csv', encoding='utf-8-sig'))}
core = {p for p,r in prods.items() if (r.get('core') or 'true').lower() in ('true','1','yes','')}
fx_m, fx_c = {}, {}
for r in csv.DictReader(open(f'{base}/fx_rates.csv', encoding='utf-8-sig')):
    if r['month']: fx_m[(r['currency'], r['month'])] = float(r['rate'])
    else: fx_c[r['currency']] = float(r['rate'])
accounts = set()
for r in csv.DictReader(open(f'{base}/accounts.csv', encoding='utf-8-sig')):
    if r['account_id'] and r['account_name']: accounts.add(r['account_id'])
amap = {r['customer_id']: r['account_id'] for r in csv.DictReader(open(f'{base}/account_map.csv', encoding='utf-8-sig'))}
lines = []
seen = set()
for r in csv.DictReader(open(f'{base}/invoice_lines.csv', encoding='utf-8-sig')):
    try:
        d = dt.date.fromisoformat(r['invoice_date'][:10]); a = float(r['amount'])
    except Exception: continue
    if r['product_id'] not in prods: continue
    cur = r['currency'] or 'USD'
    if cur == 'USD': rate = 1.0
    else:
        rate = fx_m.get((cur, d.strftime('%Y-%m')), fx_c.get(cur))
        if rate is None: continue
    if r['line_id']:
        k = (r['invoice_id'], r['line_id'])
        if k in seen: continue
        seen.add(k)
    acct = amap.get(r['customer_id'], r['customer_id'])
    if d <= D: lines.append((acct, r['product_id'], d, a*rate, a > 0))
adopt = {}
for a,p,d,amt,pos in lines:
    if pos and ((a,p) not in adopt or d < adopt[(a,p)]): adopt[(a,p)] = d
first = {}
for (a,p),d in adopt.items():
    if a not in first or d < first[a]: first[a] = d
cross = {(a,p) for (a,p),d in adopt.items() if d > first[a]}
def window(t):
    start = minus12(t)
    acc = defaultdict(float); pair = defaultdict(float)
    for a,p,d,amt,pos in lines:
        if start < d <= t: acc[a] += amt; pair[(a,p)] += amt
    return acc, pair
accD, pairD = window(D)
accS, pairS = window(S)
E = {a for a,v in accS.items() if v > 0}
X = {a for a in E if any(S < adopt[(a,p)] <= D for (aa,p) in cross if aa == a)}
out = {}
out['cross_sell_rate'] = [len(X), len(E)]
active = {a for a,v in accD.items() if v > 0}
held = defaultdict(set)
for (a,p),v in pairD.items():
    if v > 0 and a in active: held[a].add(p)
out['multi_product_rate'] = [sum(1 for a in active if len(held[a])>=2), len(active)]
out['products_per_customer'] = sum(len(held[a]) for a in active)/len(active)
out['full_suite_rate'] = [sum(1 for a in active if core <= held[a]), len(active)]
rev = sum(v for v in accD.values())
xrev = sum(v for (a,p),v in pairD.items() if (a,p) in cross)
out['cross_sell_revenue_share'] = [xrev, rev]
firstx = {}
for (a,p) in cross:
    d = adopt[(a,p)]
    if a not in firstx or d < firstx[a]: firstx[a] = d
days = sorted((firstx[a]-first[a]).days/30.4375 for a in firstx if S < firstx[a] <= D)
def quantile(xs, q):
    # linear interpolation between closest ranks (numpy's default, DuckDB's quantile_cont)
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)
out['time_to_cross_sell_months'] = [len(days), statistics.median(days), quantile(days, .25), quantile(days, .75)]
# tiers
ranked = sorted(active, key=lambda a: (-accD[a], a))
tot = sum(accD[a] for a in ranked)
cum = 0; tiers = defaultdict(lambda: [0,0.0])
for a in ranked:
    c = cum/tot
    t = 'A' if c < .5 else 'B' if c < .8 else 'C' if c < .95 else 'D'
    tiers[t][0] += 1; tiers[t][1] += accD[a]; cum += accD[a]
out['tiers'] = {t: v for t, v in tiers.items()}
# white space
seg = {}
for r in csv.DictReader(open(f'{base}/accounts.csv', encoding='utf-8-sig')):
    seg.setdefault(r['account_id'], r['segment'] or 'Unknown')
holders = defaultdict(list)  # p -> [(a, rev)]
for (a,p),v in pairD.items():
    if v > 0: holders[p].append((a, v))
ws = 0.0
for a in active:
    s = seg.get(a, 'Unknown')
    for p in core:
        if p in held[a]: continue
        hs = [v for (h,v) in holders[p] if seg.get(h,'Unknown') == s]
        if len(hs) >= 5: ws += sum(hs)/len(hs)
        elif holders[p]: ws += sum(v for _,v in holders[p])/len(holders[p])
out['white_space'] = ws
# win rates
opps = {}
for r in csv.DictReader(open(f'{base}/opportunities.csv', encoding='utf-8-sig')):
    opps.setdefault(r['opportunity_id'], r)
for typ in ['cross_sell','new_business','upsell']:
    won = lost = 0; wa = la = 0.0
    for r in opps.values():
        if r['type'] != typ or r['stage'] not in ('won','lost') or not r['close_date']: continue
        if r['account_id'] not in accounts: continue
        try: cd = dt.date.fromisoformat(r['close_date'][:10]); cr = dt.date.fromisoformat(r['created_date'][:10])
        except Exception: continue
        if cd < cr or not (S < cd <= D): continue
        cur = r['currency'] or 'USD'
        m = cd.strftime('%Y-%m')
        rate = 1.0 if cur == 'USD' else fx_m.get((cur, m), fx_c.get(cur))
        amt = float(r['amount'])*rate if r['amount'] else 0.0
        if r['stage']=='won': won += 1; wa += amt
        else: lost += 1; la += amt
    out[typ + '_win_rate'] = [won, lost, wa / (wa + la)]

# retention and expansion: R0 = trailing window at S, R1 = P
R0, R1 = accS, accD
starting = sum(R0[a] for a in E)
nrr_num = sum(R1.get(a, 0.0) for a in E)
grr_num = sum(min(max(R1.get(a, 0.0), 0.0), R0[a]) for a in E)
bridge = dict(starting=starting, new_business=0.0, returning=0.0, cross_sell_expansion=0.0,
              upsell_expansion=0.0, contraction=0.0, churn=0.0, ending=sum(R1.values()))
products_of = defaultdict(set)
for (a,p) in list(pairS) + list(pairD): products_of[a].add(p)
for a in E:
    r1 = R1.get(a, 0.0)
    if r1 <= 0:
        bridge['churn'] += R0[a] - r1
        continue
    for p in products_of[a]:
        delta = pairD.get((a,p), 0.0) - pairS.get((a,p), 0.0)
        if delta > 0 and (a,p) in cross and S < adopt[(a,p)] <= D: bridge['cross_sell_expansion'] += delta
        elif delta > 0: bridge['upsell_expansion'] += delta
        elif delta < 0: bridge['contraction'] += -delta
for a, r1 in R1.items():
    if a in E: continue
    if a in first and S < first[a] <= D: bridge['new_business'] += r1
    else: bridge['returning'] += r1
expansion = bridge['cross_sell_expansion'] + bridge['upsell_expansion']
bridge['cross_sell_share_of_expansion'] = bridge['cross_sell_expansion'] / expansion if expansion else None
out['net_revenue_retention'] = [nrr_num, starting]
out['gross_revenue_retention'] = [grr_num, starting]
out['revenue_bridge'] = bridge

print(json.dumps(out))
