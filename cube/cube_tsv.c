/*
 * cube_tsv.c — the cube's cells as text: the names of origins (shown, and
 * as the warehouse stores them), the words of a cell's flags (also the
 * warehouse's cube_cell.flag_names), and the TSV that `aidcube cube`
 * prints, the bench's --print too (tests/t_cube_oracle.sh compares its
 * first 13 columns with PostgreSQL).
 *
 * Columns: cuboid ("sectorxregion", "total" for the apex), the four
 * members, amount_usd, origin, reported_usd, computed_usd, derived_usd,
 * flags, projects, projects_origin; with CUBE_TSV_SOURCES also n_facts and
 * sources.  An empty field is a value the cell does not have, never 0.
 * Member names and source lists are escaped (base/diag.h): a name can
 * neither add a column or a row nor reach the terminal raw.
 */
#include "cube.h"

#include <inttypes.h>
#include <string.h>

#include "../base/diag.h"

/* The one table of origins: the label the TSV and the workbook show, and
 * the key of the warehouse (cube_cell.origin). */
static const struct {
    const char *label, *key;
} origin_word[] = {
    [ORIGIN_NONE] = {"", "none"},
    [ORIGIN_REPORTED] = {"reported", "reported"},
    [ORIGIN_COMPUTED] = {"computed", "computed"},
    [ORIGIN_DERIVED] = {"derived", "derived"},
    [ORIGIN_RESIDUAL] = {"not stated", "residual"},
};

const char *cube_origin_name(cube_origin o)
{
    return (unsigned)o < sizeof origin_word / sizeof *origin_word ? origin_word[o].label : "";
}

const char *cube_origin_key(cube_origin o)
{
    return (unsigned)o < sizeof origin_word / sizeof *origin_word ? origin_word[o].key : "none";
}

/* The bits of cube_val.flags (CELL_*), in order. */
static const char *const flag_word[] = {"conflict", "overlap", "parts-exceed", "with-rest",
                                        "inner"};

const char *cube_cell_flags(const cube_cell *x, char *buf, size_t size)
{
    const cube_val *v = &x->amount;
    size_t o = 0;
    if (!size)
        return buf;
    buf[0] = '\0';
    for (unsigned f = 0; f < sizeof flag_word / sizeof *flag_word; f++)
        if ((v->flags & 1u << f) && o < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? "," : "", flag_word[f]);
    for (int d = 0; d < DIM__N && (v->origin == ORIGIN_REPORTED || v->origin == ORIGIN_COMPUTED); d++)
        if (x->key[d] && !(v->counted >> d & 1) && o < size)
            o += (size_t)snprintf(buf + o, size - o, "%snot-counted-%s", o ? "," : "",
                                  model_dim_name[d]);
    return buf;
}

const char *cube_cuboid_name(unsigned mask, char *buf, size_t size)
{
    size_t o = 0;
    if (!size)
        return buf;
    buf[0] = '\0';
    for (int d = 0; d < DIM__N; d++)
        if ((mask >> d & 1) && o < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? "x" : "", model_dim_name[d]);
    if (!o)
        snprintf(buf, size, "total");
    return buf;
}

/* "\t1234.50", or "\t" when the cell has no such value. */
static void put_cents(FILE *out, int64_t v, int has)
{
    if (has)
        fprintf(out, "\t%s%" PRId64 ".%02" PRId64, v < 0 ? "-" : "", (v < 0 ? -v : v) / 100,
                (v < 0 ? -v : v) % 100);
    else
        fputc('\t', out);
}

static void put_cell(FILE *out, const cube *c, unsigned mask, const cube_cell *x, unsigned what)
{
    char name[64], flags[CUBE_FLAGS_MAX], refs[2048];
    fputs(cube_cuboid_name(mask, name, sizeof name), out);
    for (int d = 0; d < DIM__N; d++) {
        fputc('\t', out);
        diag_put_escaped(out, cube_member_name(c, d, x->key[d]));
    }
    const cube_val *a = &x->amount, *n = &x->projects;
    put_cents(out, a->value, a->origin != ORIGIN_NONE);
    fprintf(out, "\t%s", cube_origin_name((cube_origin)a->origin));
    put_cents(out, a->reported, a->has & HAS_REPORTED);
    put_cents(out, a->computed, a->has & HAS_COMPUTED);
    put_cents(out, a->derived, a->has & HAS_DERIVED);
    fprintf(out, "\t%s", cube_cell_flags(x, flags, sizeof flags));
    if (n->origin != ORIGIN_NONE)
        fprintf(out, "\t%" PRId64 "\t%s", n->value, cube_origin_name((cube_origin)n->origin));
    else
        fputs("\t\t", out);
    if (what & CUBE_TSV_SOURCES) {
        const cube_val *shown = a->origin != ORIGIN_NONE ? a : n;
        cube_cell_sources(c, x, shown == n, refs, sizeof refs, 40);
        fprintf(out, "\t%u\t", shown->n_facts);
        diag_put_escaped(out, refs);
    }
    if (what & CUBE_TSV_KIND)
        fprintf(out, "\t%s", model_view_name(cube_view(c)));
    fputc('\n', out);
}

/* Every cell of c, finest cuboid first. */
static void put_cells(const cube *c, FILE *out, unsigned what)
{
    for (unsigned m = CUBE_N_CUBOIDS; m-- > 0;) {
        const cuboid *cb = &c->cuboid[m];
        for (size_t i = 0; i < cb->n; i++)
            put_cell(out, c, m, &c->cells[cb->cell[i]], what);
    }
}

int cube_write_tsv(const cube *c, FILE *out, unsigned what)
{
    fputs("cuboid\tsector\tregion\tperiod\tfund\tamount_usd\torigin\treported_usd\t"
          "computed_usd\tderived_usd\tflags\tprojects\tprojects_origin", out);
    fputs(what & CUBE_TSV_SOURCES ? "\tn_facts\tsources" : "", out);
    fputs(what & CUBE_TSV_KIND ? "\tkind\n" : "\n", out);
    put_cells(c, out, what);
    for (int v = 0; v < MODEL_APART_VIEWS && (what & CUBE_TSV_KIND); v++)
        if (c->apart[v])
            put_cells(c->apart[v], out, what);
    return ferror(out) ? -1 : 0;
}
