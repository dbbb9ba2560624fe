/* attribute_sheet_map.c — find a project list's header row and map its columns to
 * fields (attribute_sheet.h). */
#include "attribute_sheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attribute_fold.h"

/* A header row names at least this many fields (the amount and one more):
 * a title line that happens to hold "Budget" is not a header. */
#define HEADER_MIN_FIELDS 2

/* A header as exporting systems write it, its words apart: a lower-case
 * letter followed by a capital starts a word ("ProjectStartDate",
 * "amountUSD", "destinationObjects_Location.name"); "_" and "." are
 * separators to the folding already.  Into sp (NUL-terminated). */
static int split_camel(const char *s, strbuf *sp)
{
    strbuf_reset(sp);
    strbuf_add(sp, "", 0);
    for (size_t i = 0; s[i]; i++) {
        if (i && s[i - 1] >= 'a' && s[i - 1] <= 'z' && s[i] >= 'A' && s[i] <= 'Z')
            strbuf_addc(sp, ' ');
        strbuf_addc(sp, s[i]);
    }
    return sp->failed ? -1 : 0;
}

int attribute_sheet_fold_into(const char *s, strbuf *out)
{
    strbuf w = {0}, sp = {0};
    attribute_fold_word word;
    size_t pos = 0, len;
    int r = split_camel(s, &sp) ? -1 : 1;
    strbuf_reset(out);
    strbuf_add(out, "", 0);
    len = sp.n;
    while (r == 1 && (r = attribute_fold_next(sp.s, len, &pos, &word, &w)) == 1 && !out->failed) {
        if (out->n)
            strbuf_addc(out, ' ');
        strbuf_add(out, w.s, w.n);
    }
    strbuf_free(&w);
    strbuf_free(&sp);
    return r < 0 || out->failed ? -1 : 0;
}

/* The currency a header states, taken off its folded text: the words of a
 * currency alias at the end ("montant fcfa", "budget en usd", "cost us $"),
 * with a linking "en"/"in" before them.  Returns the currency's id or NULL. */
static const char *take_currency(const gazetteer *gz, const char *text, strbuf *folded,
                                 arena *a)
{
    attribute_gz_mention *mn = NULL;
    size_t n = 0;
    if (attribute_gazetteer_find(gz, text, strlen(text), a, &mn, &n) != AC_OK)
        return NULL;
    for (size_t i = n; i-- > 0;) {
        if (mn[i].entry->type != GZ_CURRENCY || i + 1 != n)
            continue;
        /* the words after the currency must be none (or a closing bracket) */
        const char *rest = text + mn[i].end;
        while (*rest == ' ' || *rest == ')' || *rest == ']' || *rest == '.')
            rest++;
        if (*rest)
            return NULL;
        char *head = arena_strndup(a, text, mn[i].start);
        if (!head || attribute_sheet_fold_into(head, folded))
            return NULL;
        size_t k = folded->n;
        static const char *const links[] = {" en", " in"};
        for (size_t j = 0; j < 2; j++) {
            size_t ln = strlen(links[j]);
            if (k >= ln && !memcmp(folded->s + k - ln, links[j], ln))
                strbuf_truncate(folded, k - ln);
        }
        return mn[i].entry->id;
    }
    return NULL;
}

/* The header names, folded once per sheet: the --map entries first
 * (n_map of them), then the reference names. */
typedef struct {
    const char **folded;
    int *field;
    int *kind;               /* an amount column's money kind, 0: none   */
    size_t n, n_map;
} names;

static ac_error fold_names(const gazetteer *gz, const attribute_sheet_opts *o, arena *a, names *out)
{
    size_t nh = 0;
    const attribute_gz_header *h = attribute_gazetteer_headers(gz, &nh);
    strbuf tmp = {0};
    out->n_map = o->n_map;
    out->n = 0;
    out->folded = arena_alloc(a, (o->n_map + nh + 1) * sizeof *out->folded);
    out->field = arena_alloc(a, (o->n_map + nh + 1) * sizeof *out->field);
    out->kind = arena_alloc(a, (o->n_map + nh + 1) * sizeof *out->kind);
    if (!out->folded || !out->field || !out->kind)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < o->n_map + nh; i++) {
        const char *name = i < o->n_map ? o->map[i].header : h[i - o->n_map].header;
        if (attribute_sheet_fold_into(name, &tmp) || !(out->folded[out->n] = arena_strdup(a, tmp.s))) {
            strbuf_free(&tmp);
            return AC_ERR_NOMEM;
        }
        out->kind[out->n] = i < o->n_map ? 0 : h[i - o->n_map].kind;
        out->field[out->n++] = i < o->n_map ? o->map[i].field : h[i - o->n_map].field;
    }
    strbuf_free(&tmp);
    return AC_OK;
}

/* The field of a folded header: the --map entries first, then the
 * reference names; exact, else the longest name starting it.  *kind: the
 * money kind the name gives an amount column ("Montant décaissé"). */
static int field_of(const char *folded, const names *nm, int *kind)
{
    int best = -1;
    size_t best_len = 0, flen = strlen(folded);
    *kind = 0;
    for (size_t i = 0; i < nm->n; i++) {
        const char *f = nm->folded[i];
        size_t len = strlen(f);
        if (i == nm->n_map && best >= 0)
            return best;    /* a --map name beats the reference data */
        if (!len)
            continue;
        if (!strcmp(f, folded)) {
            *kind = nm->kind[i];
            return nm->field[i];
        }
        if (len < flen && !memcmp(f, folded, len) && folded[len] == ' ' && len > best_len) {
            best = nm->field[i];
            best_len = len;
            *kind = nm->kind[i];
        }
    }
    return best;
}

/* A fund's funding (allocated, or of no stated kind): among several amount
 * columns ("Budget approuvé", "Montant décaissé") the list's amount is the
 * first such one; the others are named as columns not read. */
static int funding_kind(int kind)
{
    return kind == KIND_NONE || kind == KIND_ALLOCATED;
}

/* --- merged ranges, indexed once per sheet --------------------------------
 * The header search asks, for every cell of its first rows, which merge
 * holds it; scanning every merge each time cost rows x columns x merges
 * (30 x 1,025 x every <mergeCell>: 22 s on a 14.7 KB file).  The index
 * answers from two tables over the rows the search looks at, built with
 * one pass over the merges per row. */

/* The rows the header search reads: SHEET_HEADER_SEARCH_ROWS, and the row
 * after the last of them (a two-row header). */
#define MERGE_INDEX_ROWS (SHEET_HEADER_SEARCH_ROWS + 1)

typedef struct {
    size_t rows;                       /* s->row[0..rows) are indexed      */
    size_t width;                      /* columns 0..width-1 per row       */
    const read_sheet_merge **inside;   /* [ri * width + col]: the first merge
                                          holding the cell right of its
                                          first column, or NULL            */
    unsigned char *group;              /* [ri * width + col]: 1 when a merge
                                          of several columns starts on the
                                          row and covers col               */
} merge_index;

/* The first column >= c not yet given a merge (next[] links the filled
 * ones forward, halving the paths it walks). */
static size_t next_free(size_t *next, size_t c)
{
    while (next[c] != c) {
        next[c] = next[next[c]];
        c = next[c];
    }
    return c;
}

/* Row ri's entries: every merge is looked at once; a column is filled by
 * the first merge holding it, as the scan it replaces found. */
static void index_row(const sheet *s, size_t ri, merge_index *x, size_t *next, long *open)
{
    long row = s->row[ri].row, last = (long)x->width - 1;
    const read_sheet_merge **inside = x->inside + ri * x->width;
    for (size_t c = 0; c <= x->width; c++)
        next[c] = c, open[c] = 0;
    for (size_t k = 0; k < s->n_merge; k++) {
        const read_sheet_merge *m = &s->merge[k];
        if (m->r1 > row || row > m->r2)
            continue;
        long lo = (long)m->c1 + 1 > 1 ? (long)m->c1 + 1 : 1, hi = m->c2 < last ? m->c2 : last;
        for (size_t c = lo <= hi ? next_free(next, (size_t)lo) : (size_t)last + 1;
             (long)c <= hi; c = next_free(next, c + 1)) {
            inside[c] = m;
            next[c] = c + 1;
        }
        lo = m->c1 > 1 ? m->c1 : 1;
        if (m->r1 == row && m->c1 < m->c2 && lo <= hi) {
            open[lo]++;
            open[hi + 1]--;
        }
    }
    long depth = 0;
    for (size_t c = 0; c < x->width; c++)
        x->group[ri * x->width + c] = (depth += open[c]) > 0;
}

static ac_error merge_index_build(const sheet *s, arena *a, merge_index *x)
{
    int cols = 0;
    x->rows = s->n < MERGE_INDEX_ROWS ? s->n : MERGE_INDEX_ROWS;
    for (size_t i = 0; i < x->rows; i++)
        if (s->row[i].n && s->row[i].cell[s->row[i].n - 1].col > cols)
            cols = s->row[i].cell[s->row[i].n - 1].col;
    x->width = (size_t)cols + 2;       /* columns 0 .. cols + 1 (map_row's last) */
    x->inside = arena_alloc(a, (x->rows ? x->rows : 1) * x->width * sizeof *x->inside);
    x->group = arena_alloc(a, (x->rows ? x->rows : 1) * x->width);
    size_t *next = arena_alloc(a, (x->width + 1) * sizeof *next);
    long *open = arena_alloc(a, (x->width + 1) * sizeof *open);
    if (!x->inside || !x->group || !next || !open)
        return AC_ERR_NOMEM;
    for (size_t ri = 0; ri < x->rows && s->n_merge; ri++)
        index_row(s, ri, x, next, open);
    return AC_OK;
}

/* The merge holding (row ri, col) right of its first column, or NULL. */
static const read_sheet_merge *merge_inside(const merge_index *x, size_t ri, int col)
{
    if (ri >= x->rows || col < 0 || (size_t)col >= x->width)
        return NULL;
    return x->inside[ri * x->width + (size_t)col];
}

/* 1 when a merge of several columns starts on row ri and covers col. */
static int group_at(const merge_index *x, size_t ri, int col)
{
    if (ri >= x->rows || col < 0 || (size_t)col >= x->width)
        return 0;
    return x->group[ri * x->width + (size_t)col];
}

/* The text of the merged cell covering (row, col) when it starts on that
 * row, or NULL. */
static const char *merged_text(const sheet *s, const merge_index *x, size_t ri, int col)
{
    const read_sheet_merge *m = merge_inside(x, ri, col);
    if (!m)
        return NULL;
    for (size_t r = ri + 1; r-- > 0 && s->row[r].row >= m->r1;)
        if (s->row[r].row == m->r1) {
            const read_sheet_cell *c = read_sheet_cell_at(&s->row[r], m->c1);
            return c && c->kind == CELL_TEXT ? c->text : NULL;
        }
    return NULL;
}

/* The texts a header cell may be read as, in order: its own (or that of
 * the merged cell it lies in), then prefixed by the merged group title of
 * the row above ("Budget" over "Montant" and "Devise"), then the group
 * title alone.  *n of them into t[3]. */
static void header_texts(const sheet *s, const merge_index *x, size_t ri, int col, arena *a,
                         const char *t[3], int *n)
{
    const read_sheet_cell *c = read_sheet_cell_at(&s->row[ri], col);
    const char *own = c && c->kind == CELL_TEXT ? c->text : NULL;
    if (!own)
        own = merged_text(s, x, ri, col);
    const char *group = NULL;
    if (ri > 0 && s->row[ri - 1].row == s->row[ri].row - 1) {
        const read_sheet_cell *up = read_sheet_cell_at(&s->row[ri - 1], col);
        const char *u = up && up->kind == CELL_TEXT ? up->text : merged_text(s, x, ri - 1, col);
        if (u && group_at(x, ri - 1, col))
            group = u;
    }
    *n = 0;
    if (own)
        t[(*n)++] = own;
    if (own && group)
        t[(*n)++] = arena_printf(a, "%s %s", group, own);
    if (!own && group)
        t[(*n)++] = group;
}

typedef struct {
    int n_fields, has_amount;
    attribute_sheet_header h;
    const char *unmapped;      /* "C \"Circonscription\", E \"Source\"" or ""  */
} candidate;

/* A cell longer than this names no column (the longest header name of
 * headers.tsv is a few dozen bytes): its text is not folded, so that a row
 * of long texts costs nothing in the header search. */
#define HEADER_NAME_MAX 256

/* A header quoted in a message is cut at this many bytes (on a character
 * boundary): a warning names a column, it does not reprint a cell. */
#define HEADER_QUOTE_MAX 80
/* The list of unmapped columns stops growing at this many bytes ("..."):
 * a row of 1,024 long texts must not make a message of megabytes. */
#define UNMAPPED_LIST_MAX 2000

/* Append `C "Header"` to the list of unmapped columns. */
static void name_unmapped(strbuf *b, int col, const char *text)
{
    char cn[8];
    if (b->n >= UNMAPPED_LIST_MAX) {
        if (b->s[b->n - 1] != '.')
            strbuf_adds(b, ", ...");
        return;
    }
    size_t n = strlen(text), cut = n;
    if (n > HEADER_QUOTE_MAX) {
        cut = HEADER_QUOTE_MAX;
        while (cut && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
    }
    strbuf_addf(b, "%s%s \"%.*s%s\"", b->n ? ", " : "", read_sheet_col_name(col, cn, sizeof cn),
                (int)cut, text, cut < n ? "..." : "");
}

/* Map the cells of row ri; the number of fields found (-1: out of memory). */
static int map_row(const sheet *s, const merge_index *x, size_t ri, const gazetteer *gz,
                   const names *nm, arena *a, candidate *c)
{
    strbuf folded = {0}, unmapped = {0}, words = {0};
    memset(c, 0, sizeof *c);
    const read_sheet_row *r = &s->row[ri];
    int maxcol = r->n ? r->cell[r->n - 1].col : 0;
    const char *amount_text = NULL;
    int oom = 0;
    for (int col = 1; col <= maxcol + 1 && !oom; col++) {
        const char *ts[3], *t = NULL, *cur = NULL;
        int nt = 0, f = -1, kind = 0;
        header_texts(s, x, ri, col, a, ts, &nt);
        for (int k = 0; k < nt && f < 0 && !oom; k++) {
            t = ts[k];
            if (!t || strlen(t) > HEADER_NAME_MAX)
                continue;
            if (split_camel(t, &words) || attribute_sheet_fold_into(words.s, &folded)) {
                oom = 1;                /* (they fail on nothing else) */
                break;
            }
            cur = take_currency(gz, words.s, &folded, a);   /* "amountUSD" too */
            f = field_of(folded.s, nm, &kind);
            if (f < 0 && cur && !folded.n)
                f = GZ_HF_AMOUNT;      /* a column headed "USD" or "FCFA" */
        }
        if (!nt || oom)
            continue;
        if (f == GZ_HF_AMOUNT && c->h.col[f] && funding_kind(kind) &&
            !funding_kind(c->h.amount_kind)) {   /* the funding before the rest */
            name_unmapped(&unmapped, c->h.col[f], amount_text);
            c->h.col[f] = 0;
            c->n_fields--;
        }
        if (f < 0 || c->h.col[f]) {    /* the first column of a field wins */
            name_unmapped(&unmapped, col, ts[0]);
            continue;
        }
        c->h.col[f] = col;
        c->h.currency[f] = cur;
        if (f == GZ_HF_AMOUNT) {
            c->h.amount_kind = kind;
            amount_text = ts[0];
        }
        c->n_fields++;
    }
    c->has_amount = c->h.col[GZ_HF_AMOUNT] != 0;
    if (oom || (unmapped.n && !(c->unmapped = arena_strdup(a, strbuf_str(&unmapped)))))
        c->n_fields = -1;
    strbuf_free(&folded);
    strbuf_free(&unmapped);
    strbuf_free(&words);
    return c->n_fields;
}

/* The texts of the title rows above the header, one per line (arena);
 * NULL when out of memory. */
static const char *title_text(const sheet *s, size_t upto, arena *a)
{
    strbuf t = {0};
    for (size_t i = 0; i < upto; i++)
        for (size_t k = 0; k < s->row[i].n; k++)
            if (s->row[i].cell[k].kind == CELL_TEXT)
                strbuf_addf(&t, "%s%s", t.n ? "\n" : "", s->row[i].cell[k].text);
    const char *out = t.failed ? NULL : arena_strdup(a, strbuf_str(&t));
    strbuf_free(&t);
    return out;
}

/* "aidcube: FILE: sheet "S": no header row ..." with the texts of the first
 * row that looked most like one. */
static ac_error no_header(const sheet *s, const char *path, diag *d, arena *a, size_t best)
{
    const char *cols = "";
    if (best < s->n)
        for (size_t k = 0; k < s->row[best].n && k < 12; k++)
            if (s->row[best].cell[k].kind == CELL_TEXT)
                cols = arena_printf(a, "%s%s\"%s\"", cols, *cols ? ", " : "",
                                    s->row[best].cell[k].text);
    if (*cols && best < s->n && s->row[best].n == 1)
        return diag_fail(d, AC_ERR_PARSE, path, s->row[best].row,
                         "sheet \"%s\": its rows are one cell each (%s): a separator other "
                         "than ';', ',' or a tab?", s->name, cols);
    if (*cols)
        return diag_fail(d, AC_ERR_PARSE, path, best < s->n ? s->row[best].row : 0,
                         "sheet \"%s\": no column for the amount among %s: name the columns "
                         "with --map FILE (lines \"header<TAB>field\")", s->name, cols);
    return diag_fail(d, AC_ERR_PARSE, path, 0,
                     "sheet \"%s\": no header row (no cell names a field such as the amount, "
                     "the region or the title) in its first %d rows", s->name,
                     SHEET_HEADER_SEARCH_ROWS);
}

/* A header on two rows: "Budget" merged over "Montant | Devise" below, the
 * other columns named on the first row only.  When the row after the
 * header names fields only under the header's merged groups, those
 * columns take the names of the second row, and the data start below it.
 * Returns the index of the header's last row. */
static size_t two_row_header(const sheet *s, const merge_index *x, size_t i,
                             const gazetteer *gz, const names *nm, arena *a, candidate *c)
{
    if (i + 1 >= s->n || s->row[i + 1].row != s->row[i].row + 1)
        return i;
    candidate below;
    if (map_row(s, x, i + 1, gz, nm, a, &below) < 1)
        return i;
    for (int f = 0; f < GZ_HF__COUNT; f++)
        if (below.h.col[f] && !group_at(x, i, below.h.col[f]))
            return i;            /* a field outside the groups: a data row */
    for (size_t k = 0; k < s->row[i + 1].n; k++)
        if (!group_at(x, i, s->row[i + 1].cell[k].col))
            return i;            /* a cell outside the groups: a data row */
    for (int f = 0; f < GZ_HF__COUNT; f++)
        if (c->h.col[f] && group_at(x, i, c->h.col[f]))
            c->h.col[f] = 0, c->h.currency[f] = NULL;   /* the group's own name */
    for (int f = 0; f < GZ_HF__COUNT; f++)
        if (below.h.col[f] && !c->h.col[f]) {
            c->h.col[f] = below.h.col[f];
            c->h.currency[f] = below.h.currency[f];
            if (f == GZ_HF_AMOUNT)
                c->h.amount_kind = below.h.amount_kind;
        }
    c->has_amount = c->h.col[GZ_HF_AMOUNT] != 0;
    return c->has_amount ? i + 1 : i;
}

ac_error attribute_sheet_map_header(const sheet *s, const char *path, const gazetteer *gz,
                          const attribute_sheet_opts *o, diag *d, arena *a, attribute_sheet_header *out)
{
    size_t best = (size_t)-1, any = (size_t)-1;
    int best_n = 0, any_n = 0;
    candidate bc;
    memset(out, 0, sizeof *out);
    memset(&bc, 0, sizeof bc);
    names nm;
    merge_index mx;
    if (fold_names(gz, o, a, &nm) || merge_index_build(s, a, &mx))
        return AC_ERR_NOMEM;
    /* the header is the row naming the most fields, the amount among them
     * (a title line may hold "Budget"; a group row above the header names
     * fewer fields than the header below it) */
    for (size_t i = 0; i < s->n && i < SHEET_HEADER_SEARCH_ROWS; i++) {
        candidate c;
        int n = map_row(s, &mx, i, gz, &nm, a, &c);
        if (n < 0)
            return AC_ERR_NOMEM;
        if (n >= HEADER_MIN_FIELDS && c.has_amount && n > best_n) {
            best_n = n;
            best = i;
            bc = c;
        }
        if (n > any_n) {
            any_n = n;
            any = i;
        }
    }
    if (best != (size_t)-1) {
        best = two_row_header(s, &mx, best, gz, &nm, a, &bc);
        *out = bc.h;
        out->header_row = s->row[best].row;
        out->header_index = best;
        out->title_text = title_text(s, best, a);
        if (bc.unmapped)
            diag_warn(d, path, out->header_row, "sheet \"%s\": columns not read: %s (give "
                      "them a field with --map FILE)", s->name, bc.unmapped);
        return out->title_text ? AC_OK : AC_ERR_NOMEM;
    }
    best = any;
    return no_header(s, path, d, a, best);
}

ac_error attribute_sheet_map_load(const char *path, diag *d, arena *a, attribute_sheet_map_entry **out, size_t *n)
{
    FILE *f = fopen(path, "r");
    *out = NULL;
    *n = 0;
    if (!f)
        return diag_fail(d, AC_ERR_IO, path, 0, "cannot open the mapping file: %s",
                         strerror(errno));
    char line[1024];
    long lineno = 0;
    size_t cap = 0;
    ac_error err = AC_OK;
    while (!err && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        int field = tab ? attribute_gazetteer_header_field(tab + 1) : -1;
        if (field < 0) {
            err = diag_fail(d, AC_ERR_PARSE, path, lineno,
                            "expected \"header<TAB>field\" with field one of title, id, "
                            "country, region, locality, sector, fund, amount, currency, "
                            "partner, start, end, months, period");
            break;
        }
        *tab = 0;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            attribute_sheet_map_entry *nv = arena_grow(a, *out, *n, nc, sizeof *nv);
            if (!nv) {
                err = AC_ERR_NOMEM;
                break;
            }
            *out = nv;
            cap = nc;
        }
        if (!((*out)[*n].header = arena_strdup(a, line)))
            err = AC_ERR_NOMEM;
        else
            (*out)[(*n)++].field = field;
    }
    fclose(f);
    return err;
}
