"""Why the donation reports keep roll-ups (issue 17, burst throughput): times the reports'
sums computed with GROUP BY over the register itself, as they would be without the roll-up
tables, on a register of N donations in one fiscal year (the donations table and its
(fiscal_year, number) and received_on indexes as in migrations/, spread over 365 days,
2,000 donors). Compare with `cargo bench --bench donations`, which times the same reports
read from the roll-ups.

    python3 scripts/rollup_vs_group_by.py 50000
"""
import sqlite3, time, random, sys
n=int(sys.argv[1]) if len(sys.argv) > 1 else 50000
print("sqlite", sqlite3.sqlite_version, "-", n, "donations")
db=sqlite3.connect(':memory:')
db.executescript("""
CREATE TABLE donations (
    id INTEGER PRIMARY KEY, fiscal_year INTEGER NOT NULL, number INTEGER NOT NULL,
    received_on TEXT NOT NULL, month TEXT NOT NULL, kind TEXT NOT NULL, amount INTEGER NOT NULL,
    item TEXT, quantity TEXT, donor_name TEXT NOT NULL, donor_kind TEXT NOT NULL,
    anonymous INTEGER NOT NULL DEFAULT 0, purpose TEXT NOT NULL, school_id INTEGER, school_text TEXT,
    network_id INTEGER, note TEXT, source TEXT NOT NULL, import_id INTEGER, recorded_by_id INTEGER NOT NULL,
    recorded_by_name TEXT NOT NULL, recorded_at TEXT NOT NULL, voided_at TEXT, voided_by_id INTEGER,
    voided_by_name TEXT, void_reason TEXT, original_number TEXT, UNIQUE (fiscal_year, number));
CREATE INDEX donations_by_date ON donations (received_on);
""")
import datetime
start=datetime.date(2025,10,1)
rows=[]
for i in range(n):
    d=start+datetime.timedelta(days=i%365)
    rows.append((2569,i+1,d.isoformat(),d.isoformat()[:7],'goods' if i%7==0 else 'money',(100+(i*37)%50000)*100+50,
      'ไม่ประสงค์ออกนาม' if i%10==0 else 'ผู้บริจาค %d'%(i%2000),'person',1 if i%10==0 else 0,['scholarship','school','office'][i%3],i%9+1,'staff',11,'สมศรี ใจดี','2026'))
db.executemany("INSERT INTO donations (fiscal_year,number,received_on,month,kind,amount,donor_name,donor_kind,anonymous,purpose,network_id,source,recorded_by_id,recorded_by_name,recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",rows)
db.commit()
def t(q,args):
    ts=[]
    for _ in range(5):
        s=time.perf_counter(); r=db.execute(q,args).fetchall(); ts.append(time.perf_counter()-s)
    ts.sort(); print("median %.1f ms, %d rows: %s" % (ts[2] * 1000, len(r), " ".join(q.split())[:90]))
t("SELECT purpose, kind, coalesce(network_id,0), sum(amount), count(*) FROM donations WHERE received_on BETWEEN ? AND ? AND voided_at IS NULL GROUP BY 1,2,3",("2025-10-01","2026-09-30"))
t("SELECT purpose, kind, coalesce(network_id,0), sum(amount), count(*) FROM donations WHERE fiscal_year = ? AND voided_at IS NULL GROUP BY 1,2,3",(2569,))
t("SELECT CASE WHEN anonymous THEN '' ELSE donor_name END, donor_kind, sum(amount), count(*) FROM donations WHERE fiscal_year=? AND voided_at IS NULL GROUP BY 1,2",(2569,))
t("SELECT CASE WHEN anonymous THEN '' ELSE donor_name END, donor_kind, sum(amount), count(*) FROM donations WHERE received_on BETWEEN ? AND ? AND voided_at IS NULL GROUP BY 1,2",("2026-03-01","2026-03-31"))
