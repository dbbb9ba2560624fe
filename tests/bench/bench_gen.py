#!/usr/bin/env python3
"""Seeded project rows for the `make bench` table (tests/bench.sh), written
in one of three forms; the same N and seed give the same rows in each.

    python3 tests/bench/bench_gen.py N facts|plain|csv [--seed S] [--plain FILE]
                                     [--csv FILE] > out

(--plain and --csv write those forms too, from the same drawing.)

What is drawn, per row (one project): a sector theme (Zipf-like over the
themes of fixtures/ref/sectors.tsv), a country (skewed) and one of its
first-level regions (Zipf-like, fixtures/ref/places.tsv), a calendar year
2013-2024 (skewed towards the early years), a fund (PBF, TF, EU-IcSP, EUTF,
CBPF, skewed) and a budget in USD with cents (log-uniform, 1,000.00 to
5,000,000.00).  Every row has all four coordinates and one amount in USD:
for these rows aidcube's rules reduce to a plain roll-up (no stated total,
no part, no cap, no share, no currency conversion, no reported grouping of
regions, one fact a row), which is what makes its cube comparable with a
SQL GROUP BY CUBE of the same rows.

  facts  bench_cube's input (the `aidcube extract` columns plus pkind, role
         and group, fixtures/gen/facts.py): one document per fund and region
         (some 300), its rows one table (role item, group 1);
  plain  sector, region, year, fund, amount (USD, a dot and two decimals): what
         PostgreSQL and DuckDB load;
  csv    a French-Excel project list: semicolons, decimal commas, dates
         dd/mm/yyyy (a project starts and ends within its year), a CRLF at
         each line end, what `aidcube cube` reads.
"""
import argparse
import math
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "..", "fixtures", "ref")
COUNTRIES = ["MLI", "CAF", "COD", "SSD"]
COUNTRY_W = [0.45, 0.3, 0.15, 0.1]
# funds budgeted by calendar year (QIPs are budgeted by UN fiscal year: a
# project list's QIP of January to July 2019 is of 2018/2019, a rule)
FUNDS = ["PBF", "TF", "EU-IcSP", "EUTF", "CBPF"]
FUND_W = [0.45, 0.25, 0.15, 0.10, 0.05]
# Mali's regions that a reported grouping covers (Tombouctou / Taoudénit,
# Gao / Ménaka) are left out: a grouping is a rule, not a plain roll-up; so
# are the regions whose name alone is no mention (aliases "!|...": Unity,
# Lakes, Équateur), which a project list's region column does not take
GROUPED = {"Tombouctou", "Taoudénit", "Gao", "Ménaka"}


def read_ref(name):
    with open(os.path.join(REF, name), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    return rows[1:]


def zipf(n, s=1.1):
    return [1.0 / (k + 1) ** s for k in range(n)]


def rows(n, seed):
    """Yield n rows (sector, country, region, year, fund, cents), the same for a seed."""
    rng = random.Random(seed)
    sectors = [r[1] for r in read_ref("sectors.tsv")]
    regions = {c: [] for c in COUNTRIES}
    for r in read_ref("places.tsv"):
        if r[0] == "region" and r[3] in regions and r[2] not in GROUPED \
                and not r[5].startswith("!"):
            regions[r[3]].append(r[2])
    for c in COUNTRIES:
        rng.shuffle(regions[c])
    rng.shuffle(sectors)
    sector_cum = list(_cum(zipf(len(sectors))))
    region_cum = {c: list(_cum(zipf(len(regions[c])))) for c in COUNTRIES}
    country_cum, fund_cum = list(_cum(COUNTRY_W)), list(_cum(FUND_W))
    lo, hi = math.log(1000_00), math.log(5_000_000_00)
    for _ in range(n):
        country = rng.choices(COUNTRIES, cum_weights=country_cum)[0]
        yield (rng.choices(sectors, cum_weights=sector_cum)[0], country,
               rng.choices(regions[country], cum_weights=region_cum[country])[0],
               min(2024, 2013 + int(rng.expovariate(0.25))),
               rng.choices(FUNDS, cum_weights=fund_cum)[0],
               int(math.exp(rng.uniform(lo, hi))))


def _cum(w):
    t = 0.0
    for x in w:
        t += x
        yield t


def write_facts(out, it):
    """One document per fund and region, its rows as one table: documents
    never share a finest cell (rule 1 of cube/cube.h adds the items of one
    table at a coordinate, but takes figures of two sources there as one
    figure stated twice: the largest).  The rows of each document are
    written to a temporary file, then the files one after the other in the
    order of their names (bench_cube reads a document's rows together)."""
    out.write("doc\tline\tmeasure\tvalue\tunit\tfund\tcountry\tregion\tsector\tperiod\tqualifier"
              "\tpkind\trole\tgroup\n")
    with tempfile.TemporaryDirectory() as tmp:
        files, lines = {}, {}
        for sec, country, reg, year, fund, cents in it:
            doc = f"{fund}-{country}-{reg}.txt".replace(" ", "_").replace("/", "_")
            if doc not in files:
                files[doc] = open(os.path.join(tmp, doc), "w", encoding="utf-8",
                                  buffering=1 << 16)
                lines[doc] = 0
            lines[doc] += 1
            files[doc].write(f"{doc}\t{lines[doc]}\tamount\t{cents // 100}.{cents % 100:02d}\tUSD\t"
                             f"{fund}\t{country}\t{reg}\t{sec}\t{year}\texact\tyear\titem\t1\n")
        for doc in sorted(files):
            files[doc].close()
            with open(os.path.join(tmp, doc), encoding="utf-8") as f:
                shutil.copyfileobj(f, out, 1 << 20)


def plain_row(out, i, r):
    sec, _, reg, year, fund, cents = r
    out.write(f"{sec}\t{reg}\t{year}\t{fund}\t{cents // 100}.{cents % 100:02d}\n")


CSV_HEADER = ("N°;Intitulé du projet;Région;Secteur;Fonds;Montant (USD);Date de début;"
              "Date de fin\r\n")


def csv_row(out, i, r):
    sec, _, reg, year, fund, cents = r
    m1 = 1 + i % 6
    out.write(f"{i + 1};Projet {i + 1};{reg};{sec};{fund};{cents // 100},{cents % 100:02d};"
              f"{1 + i % 28:02d}/{m1:02d}/{year};{28 - i % 20:02d}/{m1 + 6:02d}/{year}\r\n")


def write_plain(out, it):
    for i, r in enumerate(it):
        plain_row(out, i, r)


def write_csv(out, it):
    out.write(CSV_HEADER)
    for i, r in enumerate(it):
        csv_row(out, i, r)


def tee(it, extra):
    """The rows of it, each also written to the (file, row writer) pairs of
    extra: one drawing of the rows, several forms."""
    for i, r in enumerate(it):
        for f, w in extra:
            w(f, i, r)
        yield r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("form", choices=["facts", "plain", "csv"])
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--plain", metavar="FILE", help="the plain form too, to FILE")
    ap.add_argument("--csv", metavar="FILE", help="the CSV form too, to FILE")
    a = ap.parse_args()
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", buffering=1 << 20)
    extra = []
    if a.plain:
        extra.append((open(a.plain, "w", encoding="utf-8", newline=""), plain_row))
    if a.csv:
        extra.append((open(a.csv, "w", encoding="utf-8", newline=""), csv_row))
        extra[-1][0].write(CSV_HEADER)
    {"facts": write_facts, "plain": write_plain, "csv": write_csv}[a.form](
        out, tee(rows(a.n, a.seed), extra))
    out.flush()
    for f, _ in extra:
        f.close()


if __name__ == "__main__":
    main()
