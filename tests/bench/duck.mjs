// DuckDB's side of the `make bench` table (tests/bench.sh), with the npm
// package @duckdb/node-api installed in a temporary folder (NODE_PATH is not
// read by ES modules: the bench runs this script from that folder).
//
//   node duck.mjs facts PLAIN.tsv RUNS OUT.tsv   the rows loaded into a table
//        first (not timed), then GROUP BY CUBE over the table, timed
//   node duck.mjs csv PROJECTS.csv RUNS OUT.tsv  read_csv of the French-Excel
//        list + GROUP BY CUBE in one query, timed
//
// One thread (SET threads = 1), as aidcube and PostgreSQL (parallel workers
// off) run.  A warm-up run, then RUNS runs (only the warm-up when it took
// over BENCH_ONCE_S seconds: then "once" is printed too); prints
// "wall W cpu C cells N" (medians,
// seconds; CPU is the process's user + system time), and writes the cells of
// the last run to OUT.tsv: sector, region, year, fund, the sum in cents (a
// NULL empty), for tests/bench/cube_compare.py.
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';

const [mode, path, runsArg, out] = process.argv.slice(2);
const runs = Number(runsArg);
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const AGG = `CAST(sum(amount) * 100 AS BIGINT) AS cents`;
const CUBE = `GROUP BY CUBE (sector, region, year, fund)`;

const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run('SET threads = 1');
let query;
if (mode === 'facts') {
    await con.run(`CREATE TABLE f AS SELECT * FROM read_csv(${lit(path)}, delim = '\t',
        header = false, quote = '', columns = {'sector': 'VARCHAR', 'region': 'VARCHAR',
        'year': 'INTEGER', 'fund': 'VARCHAR', 'amount': 'DECIMAL(14, 2)'})`);
    query = `SELECT sector, region, year, fund, ${AGG} FROM f ${CUBE}`;
} else {
    query = `SELECT "Secteur" AS sector, "Région" AS region, year("Date de début") AS year,
        "Fonds" AS fund, ${AGG.replace('amount', '"Montant (USD)"')}
        FROM read_csv(${lit(path)}, delim = ';', header = true, decimal_separator = ',',
                      dateformat = '%d/%m/%Y',
                      types = {'Montant (USD)': 'DECIMAL(14, 2)', 'Date de début': 'DATE'})
        ${CUBE}`;
}
const wall = [], cpu = [];
const onceS = Number(process.env.BENCH_ONCE_S || 1e9);
let rows, once = false;
for (let r = 0; r <= runs; r++) {
    const c0 = process.cpuUsage(), t0 = process.hrtime.bigint();
    const res = await con.runAndReadAll(query);
    rows = res.getRows();
    const t1 = process.hrtime.bigint(), c1 = process.cpuUsage(c0);
    if (r > 0 || Number(t1 - t0) / 1e9 > onceS) {
        wall.push(Number(t1 - t0) / 1e9);
        cpu.push((c1.user + c1.system) / 1e6);
    }
    if (r === 0 && wall.length) {
        once = true;
        break;
    }
}
const med = (v) => { v.sort((a, b) => a - b); const n = v.length;
                     return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2; };
writeFileSync(out, rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join('\t'))
                      .join('\n') + '\n');
console.log(`wall ${med(wall).toFixed(4)} cpu ${med(cpu).toFixed(4)} cells ${rows.length}${once ? ' once' : ''}`);
