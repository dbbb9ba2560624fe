# tests/xlsx_same.py A.xlsx B.xlsx — two workbooks equal cell for cell:
# the same sheets in the same order, every row of every sheet the same
# values (openpyxl).  Prints the Cube sheet(s)' row count when equal; else
# the first sheet that differs and its first differing rows, exit 1.
# (t_warehouse_cube.sh: in process against --db; t_shards.sh: one server
# against shards.)
import sys, openpyxl

def rows(wb, n):
    return [tuple(r) for r in wb[n].iter_rows(values_only=True)]

wa, wb = (openpyxl.load_workbook(p, read_only=True) for p in sys.argv[1:3])
cubes = [n for n in wa.sheetnames if n == "Cube" or n.startswith("Cube (")]
if not cubes:
    print("no Cube sheet: %s" % wa.sheetnames); sys.exit(1)
if wa.sheetnames != wb.sheetnames:
    print("sheets %s / %s" % (wa.sheetnames, wb.sheetnames)); sys.exit(1)
# the Cube sheet(s) first, then every other sheet, Sources too (file names
# and hashes, no paths)
for n in cubes + [n for n in wa.sheetnames if n not in cubes]:
    ra, rb = rows(wa, n), rows(wb, n)
    if ra != rb:
        bad = [i for i in range(max(len(ra), len(rb)))
               if i >= len(ra) or i >= len(rb) or ra[i] != rb[i]][:3]
        print("sheet %s differs (%d / %d rows)" % (n, len(ra), len(rb)))
        for i in bad:
            print("  row %d: - %s" % (i + 1, ra[i] if i < len(ra) else "(none)"))
            print("  row %d: + %s" % (i + 1, rb[i] if i < len(rb) else "(none)"))
        sys.exit(1)
print(sum(len(rows(wa, n)) for n in cubes))
