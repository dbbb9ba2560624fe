/* pipeline.c — the in-process job (see pipeline.h). */
#include "pipeline.h"

#include "../base/vec.h"
#include "../model/model_same.h"

#include <stdlib.h>
#include <string.h>

static void describe(const pipeline_run_doc *doc, int test_mode, fact_source *s)
{
    memset(s, 0, sizeof *s);
    s->name = doc->text.name;
    s->path = doc->text.path;
    memcpy(s->sha256, doc->text.sha256, sizeof s->sha256);
    s->bytes = doc->text.file_size;
    s->load_seconds = test_mode ? 0 : doc->load_seconds;
    s->n_obs = doc->obs.n;
    for (size_t i = 0; i < doc->obs.n; i++) {
        s->n_amounts += doc->obs.v[i].measure == OBS_AMOUNT;
        s->n_shares += doc->obs.v[i].measure == OBS_SHARE;
        s->n_counts += doc->obs.v[i].measure == OBS_COUNT;
    }
    s->encoding = doc->encoding;
    s->lang = doc->info.lang == SCAN_LANG_EN ? "en" : "fr";
    s->country = doc->info.country;
    s->doc_year = doc->info.doc_year;
}

static const char *keep(pipeline *p, const char *s, ac_error *err)
{
    char *k = s ? arena_strdup(p->a, s) : NULL;
    if (s && !k)
        *err = AC_ERR_NOMEM;
    return k;
}

/* A file that adds no source, for the Sources sheet (status in p->a). */
static ac_error note_file(pipeline *p, const char *path, const char *sha256, const char *status)
{
    ac_error err = AC_OK;
    if (vec_reserve((void **)&p->files, &p->cap_files, p->n_file_notes + 1, sizeof *p->files))
        return AC_ERR_NOMEM;
    export_file_note *n = &p->files[p->n_file_notes];
    *n = (export_file_note){keep(p, path, &err), keep(p, sha256, &err), status};
    p->n_file_notes += !err;
    return err;
}

/* A reject of the run: a spreadsheet row, or a file not read (sheet NULL,
 * row 0), then also a note "not read: REASON" for the Sources sheet. */
static ac_error add_reject(pipeline *p, const char *path, const char *sheet_name, long row,
                           int col, const char *raw, const char *reason)
{
    ac_error err = AC_OK;
    if (vec_reserve((void **)&p->rejects, &p->cap_rejects, p->n_rejects + 1, sizeof *p->rejects))
        return AC_ERR_NOMEM;
    export_reject *k = &p->rejects[p->n_rejects];
    *k = (export_reject){keep(p, path, &err), keep(p, sheet_name, &err), row, col,
                         keep(p, raw, &err), keep(p, reason, &err)};
    p->n_rejects += !err;
    if (err || sheet_name || row > 0)
        return err;
    const char *st = arena_printf(p->a, "not read: %s", reason);
    return st ? note_file(p, path, NULL, st) : AC_ERR_NOMEM;
}

/* The rows of a spreadsheet that were not loaded, kept for the reject
 * outputs (rejects.tsv, the warehouse's reject table). */
static ac_error keep_rejects(pipeline *p, const pipeline_run_doc *doc)
{
    ac_error err = AC_OK;
    for (size_t i = 0; !err && i < doc->rejects.n; i++) {
        const attribute_sheet_reject *r = &doc->rejects.v[i];
        err = add_reject(p, doc->text.path, r->sheet, r->row, r->col, r->raw, r->reason);
    }
    return err;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* What was kept of source k before it is replaced (model_source_replace):
 * its impossible dates (they become findings only after reading:
 * date_findings), its rows not loaded; the sources after it move down one. */
static void forget_source(pipeline *p, size_t k)
{
    size_t w = 0;
    for (size_t i = 0; i < p->n_dates; i++) {
        if (p->dates[i].src == k)
            continue;
        p->dates[w] = p->dates[i];
        p->dates[w].src -= p->dates[w].src > k;
        w++;
    }
    p->n_dates = w;
    const char *path = p->m->src[k].path;
    w = 0;
    for (size_t i = 0; i < p->n_rejects; i++)
        if (!p->rejects[i].path || strcmp(p->rejects[i].path, path))
            p->rejects[w++] = p->rejects[i];
    p->n_rejects = w;
}

/* One document into the model (in place of the source `old` when not
 * NULL): its facts, its rows not loaded, its impossible dates. */
static ac_error add_doc(pipeline *p, const pipeline_run_doc *doc, int test_mode,
                        const fact_source *old)
{
    fact_source s;
    describe(doc, test_mode, &s);
    if (old)
        forget_source(p, (size_t)(old - p->m->src));
    ac_error err = keep_rejects(p, doc);
    if (!err)
        err = old ? model_source_replace(p->m, old, &s, doc->obs.v, doc->obs.n, p->d)
                  : model_add_source(p->m, &s, doc->obs.v, doc->obs.n, p->d);
    for (size_t i = 0; !err && i < doc->info.n_invalid_dates; i++) {
        if (vec_reserve((void **)&p->dates, &p->cap_dates, p->n_dates + 1, sizeof *p->dates))
            err = AC_ERR_NOMEM;
        char *t = err ? NULL : arena_strdup(p->a, doc->info.bad_date_text[i]);
        if (!err && !t)
            err = AC_ERR_NOMEM;
        if (!err)
            p->dates[p->n_dates++] = (warehouse_bad_date){p->m->n_src - 1, doc->info.bad_date_line[i], t};
    }
    return err;
}


/* A file whose content is already loaded: one source, for the Sources
 * sheet and a warning; NULL when out of memory. */
static const char *same_status(pipeline *p, const char *as)
{
    return arena_printf(p->a, "same content as %s: not loaded again", base_name(as));
}

/* One document into the model; AC_OK also when it is a copy.  A content
 * already loaded from another file is one source, read from the smaller of
 * the two paths (byte order) whatever order they came in (its name, and
 * the reader its name chooses, make its facts); the other is named in a
 * warning and noted for the Sources sheet ("same content as NAME: not
 * loaded again").  Its impossible dates are kept (p->dates); they become
 * findings once the sources that add no facts are known (date_findings). */
static ac_error load_doc(pipeline *p, const pipeline_run_doc *doc, int test_mode)
{
    const fact_source *same = model_find_content(p->m, doc->text.sha256);
    if (!same) {
        ac_error err = add_doc(p, doc, test_mode, NULL);
        p->n_loaded += !err;
        return err;
    }
    p->n_copies++;
    const char *st;
    if (strcmp(doc->text.path, same->path) >= 0) {
        diag_warn(p->d, doc->text.path, 0, "same content as \"%s\": not loaded again", same->path);
        st = same_status(p, same->path);
        return st ? note_file(p, doc->text.path, doc->text.sha256, st) : AC_ERR_NOMEM;
    }
    diag_warn(p->d, same->path, 0, "same content as \"%s\": not loaded again", doc->text.path);
    st = same_status(p, doc->text.path);         /* the replaced file is the one noted */
    ac_error err = st ? note_file(p, same->path, same->sha256, st) : AC_ERR_NOMEM;
    return err ? err : add_doc(p, doc, test_mode, same);
}

static int cmp_str0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* The files not read: rows of the rejects (sheet NULL, row 0) and notes
 * for the Sources sheet. */
static ac_error files_not_read(pipeline *p)
{
    const pipeline_run_ctx *rc = &p->rc;
    ac_error err = AC_OK;
    for (size_t i = 0; !err && i < rc->n_rejected; i++)
        err = add_reject(p, rc->rejected[i].path, NULL, 0, 0, NULL, rc->rejected[i].reason);
    return err;
}

/* The warehouse route: the rejects that stand in the warehouse (files not
 * read by the last batch that saw them, spreadsheet rows not loaded:
 * warehouse_read, v_reject), as the in-process run keeps its own. */
static ac_error db_rejects(pipeline *p)
{
    ac_error err = AC_OK;
    for (size_t i = 0; !err && i < p->db.n_rejects; i++) {
        const warehouse_reject *r = &p->db.rejects[i];
        err = add_reject(p, r->path, r->sheet, r->line, r->col, r->raw, r->reason);
    }
    return err;
}

/* The Sources sheet's notes in the order of their paths (byte order), then
 * their status: never the order the files were read in. */
static int cmp_note(const void *x, const void *y)
{
    const export_file_note *a = x, *b = y;
    int c = cmp_str0(a->path, b->path);
    return c ? c : cmp_str0(a->status, b->status);
}


/* rejects.tsv's order: by file, row, column, then the rest (the order of
 * the arguments never shows). */
static int cmp_reject(const void *x, const void *y)
{
    const export_reject *a = x, *b = y;
    int c = cmp_str0(a->path, b->path);
    if (c)
        return c;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    if ((c = cmp_str0(a->sheet, b->sheet)) || (c = cmp_str0(a->raw, b->raw)))
        return c;
    return cmp_str0(a->reason, b->reason);
}

/* The impossible dates of the sources that add their facts, as findings
 * (in the order the sources were read). */
static ac_error date_findings(pipeline *p)
{
    for (size_t i = 0; i < p->n_dates; i++) {
        const fact_source *s = &p->m->src[p->dates[i].src];
        if (s->same_rows_as)
            continue;
        ac_error err = check_add_invalid_date(&p->findings, p->a, s->name, p->dates[i].line,
                                              p->dates[i].text);
        if (err)
            return err;
    }
    return AC_OK;
}

/* The warehouse route: the impossible dates warehouse_read gave as findings
 * for a source that adds no facts are left out, unless a source that adds
 * its facts has the same name. */
static void drop_date_findings(pipeline *p)
{
    const model *m = p->m;
    size_t k = 0;
    for (size_t i = 0; i < p->findings.n; i++) {
        const finding *f = &p->findings.v[i];
        int dropped = 0, kept = 0;
        for (size_t s = 0; f->doc && !strcmp(f->rule, "date") && s < m->n_src; s++)
            if (!strcmp(m->src[s].name, f->doc)) {
                dropped |= m->src[s].same_rows_as != NULL;
                kept |= m->src[s].same_rows_as == NULL;
            }
        if (!dropped || kept)
            p->findings.v[k++] = *f;
    }
    p->findings.n = k;
}

/* m without the facts of the sources whose keeper is set: every source
 * added again in its order (its description and counts kept), with its
 * facts or with none; in *order the old index of each new fact. */
static ac_error rebuild(pipeline *p, const long *keeper, size_t *order, model **out)
{
    const model *m = p->m;
    const fact_table *f = &m->f;
    size_t *first = calloc(m->n_src + 2, sizeof *first), n = 0;
    size_t *idx = malloc((f->n + 1) * sizeof *idx);       /* facts by source */
    obs *sel = malloc((f->n + 1) * sizeof *sel);
    model *nm = NULL;
    ac_error err = first && idx && sel ? model_new(m->gz, &nm) : AC_ERR_NOMEM;
    for (size_t i = 0; !err && i < f->n; i++)
        first[f->source[i] + 2]++;
    for (size_t s = 2; !err && s <= m->n_src + 1; s++)
        first[s] += first[s - 1];
    for (size_t i = 0; !err && i < f->n; i++)
        idx[first[f->source[i] + 1]++] = i;   /* first[s] is now source s's start */
    for (size_t s = 0; !err && s < m->n_src; s++) {
        size_t k = 0;
        for (size_t j = first[s]; keeper[s] < 0 && j < first[s + 1]; j++) {
            order[n++] = idx[j];
            sel[k++] = f->o[idx[j]];
        }
        err = model_add_source(nm, &m->src[s], sel, k, NULL);   /* its warnings were given */
    }
    for (size_t s = 0; !err && s < m->n_src; s++)
        nm->src[s].same_rows_as = keeper[s] >= 0 ? nm->src[keeper[s]].path : NULL;
    free(first);
    free(idx);
    free(sel);
    if (err)
        model_free(nm);
    else
        *out = nm;
    return err;
}

/* The warehouse's key of each fact, for the facts rebuild kept. */
static void keep_db_keys(pipeline *p, const size_t *order, size_t n)
{
    warehouse_read_info *in = &p->db;
    for (size_t j = 0; j < n && j < in->n_facts; j++) {
        in->src_key[j] = in->src_key[order[j]];
        in->fact_no[j] = in->fact_no[order[j]];
    }
    if (n < in->n_facts)
        in->n_facts = n;
}

/* What source s states, for a message: "4 rows" of a spreadsheet (its
 * lines with figures), "12 figures" of a text. */
static const char *stated(const model *m, size_t s, char *buf, size_t size)
{
    size_t n = 0, rows = 0;
    long last = -1;
    int is_sheet = 0;
    for (size_t i = 0; i < m->f.n; i++) {
        if ((size_t)m->f.source[i] != s)
            continue;
        const obs *o = &m->f.o[i];
        is_sheet |= o->sheet != NULL;
        rows += o->line != last;
        last = o->line;
        n++;
    }
    snprintf(buf, size, "%zu %s", is_sheet ? rows : n,
             is_sheet ? (rows == 1 ? "row" : "rows") : (n == 1 ? "figure" : "figures"));
    return buf;
}

/* One list in two files (model_same.h): each source whose rows are all
 * another's is named and kept with no facts. */
static ac_error same_rows(pipeline *p, int db)
{
    const model *m = p->m;
    long *keeper = malloc((m->n_src + 1) * sizeof *keeper);
    size_t *order = malloc((m->f.n + 1) * sizeof *order), nd = 0;
    model *nm = NULL;
    ac_error err = keeper && order ? model_same_rows(m, keeper, &nd) : AC_ERR_NOMEM;
    for (size_t s = 0; !err && nd && s < m->n_src; s++) {
        if (keeper[s] < 0)
            continue;
        const fact_source *a = &m->src[s], *b = &m->src[keeper[s]];
        char sa[48], sb[48];
        stated(m, s, sa, sizeof sa);
        stated(m, (size_t)keeper[s], sb, sizeof sb);
        if (!strcmp(sa, sb))
            diag_warn(p->d, a->path, 0, "the same %s as \"%s\": one list, counted once "
                      "(as \"%s\")", sa, b->path, b->name);
        else
            diag_warn(p->d, a->path, 0, "its %s are all among the %s of \"%s\": "
                      "counted once (as \"%s\")", sa, sb, b->path, b->name);
    }
    if (!err && nd)
        err = rebuild(p, keeper, order, &nm);
    if (!err && nd) {
        size_t kept = nm->f.n;
        model_free(p->m);
        p->m = nm;
        p->n_same_rows = nd;
        if (db)
            keep_db_keys(p, order, kept);
    }
    free(keeper);
    free(order);
    return err;
}

/* After the sources are read: the files not read, the sources that add no
 * facts, the impossible dates as findings, the rejects in order. */
static ac_error after_reading(pipeline *p, const pipeline_opts *o)
{
    ac_error err = o->db ? db_rejects(p) : files_not_read(p);
    if (!err && !o->model_only)
        err = same_rows(p, o->db != NULL);
    if (!err && !o->db)
        err = date_findings(p);
    if (!err && o->db && p->n_same_rows)
        drop_date_findings(p);
    if (!err && p->n_rejects > 1)
        qsort(p->rejects, p->n_rejects, sizeof *p->rejects, cmp_reject);
    if (!err && p->n_file_notes > 1)
        qsort(p->files, p->n_file_notes, sizeof *p->files, cmp_note);
    return err;
}

/* The frozen model numbers sources and facts in their canonical order
 * (model.h): what was kept by their numbers before (the impossible dates'
 * sources, the warehouse keys of facts read back) follows them. */
static ac_error renumber(pipeline *p)
{
    const model *m = p->m;
    size_t *now = malloc((m->n_src ? m->n_src : 1) * sizeof *now);
    if (!now)
        return AC_ERR_NOMEM;
    for (size_t s = 0; s < m->n_src; s++)
        now[m->src_was[s]] = s;
    for (size_t i = 0; i < p->n_dates; i++)
        p->dates[i].src = now[p->dates[i].src];
    free(now);
    warehouse_read_info *w = &p->db;
    if (!w->n_facts || w->n_facts != m->f.n)
        return AC_OK;
    int32_t *sk = malloc(w->n_facts * sizeof *sk), *fn = malloc(w->n_facts * sizeof *fn);
    if (!sk || !fn) {
        free(sk);
        free(fn);
        return AC_ERR_NOMEM;
    }
    for (size_t i = 0; i < w->n_facts; i++) {
        sk[i] = w->src_key[m->fact_was[i]];
        fn[i] = w->fact_no[m->fact_was[i]];
    }
    free(w->src_key);
    free(w->fact_no);
    w->src_key = sk;
    w->fact_no = fn;
    return AC_OK;
}
ac_error pipeline_run(pipeline *p, const pipeline_opts *o, char *const *args, size_t n_args,
                      diag *d)
{
    memset(p, 0, sizeof *p);
    p->d = d;
    pipeline_run_ctx *rc = &p->rc;
    if (pipeline_run_begin(rc, &o->run, d, args, o->db ? 0 : n_args) != RUN_OK) {
        p->status = RUN_FAILED;
        return AC_ERR_PARSE;
    }
    p->rc_open = 1;
    ac_error err = AC_OK;
    p->a = arena_new(0);
    if (!p->a || (err = model_new(rc->gz, &p->m)) != AC_OK)
        err = AC_ERR_NOMEM;
    if (!err && o->db) {
        err = warehouse_read(o->db, p->m, p->a, &p->findings, &p->db, d);
        p->n_files = p->n_loaded = p->db.n_sources;
        if (err) {
            p->status = RUN_FAILED;
            return err;
        }
    }
    pipeline_run_doc doc;
    while (!err && !o->db && pipeline_run_next(rc, &doc) == 1) {
        err = load_doc(p, &doc, o->test_mode);
        pipeline_run_doc_done(rc, &doc);
    }
    if (!o->db) {
        p->n_files = rc->files.n + rc->files.n_missing;
        p->n_rejected = rc->n_rejected;
        p->n_row_rejects = rc->n_row_rejects;
    }
    if (!err && rc->nomem)
        err = AC_ERR_NOMEM;
    if (!err)
        err = after_reading(p, o);
    if (!err)                 /* after rebuild (same_rows): the canonical order */
        err = model_freeze(p->m);
    if (!err)
        err = renumber(p);
    if (!err && !o->model_only && (err = cube_build(p->m, &p->cb)) == AC_OK)
        err = check_run(p->cb, &o->check, p->a, &p->findings);
    p->status = err ? RUN_FAILED : p->n_rejected || p->n_row_rejects ? RUN_REJECTED : RUN_OK;
    if (err)
        diag_fail(d, err, NULL, 0, "%s", ac_strerror(err));
    return err;
}

void pipeline_free(pipeline *p)
{
    if (!p)
        return;
    free(p->rejects);
    free(p->files);
    cube_free(p->cb);
    model_free(p->m);
    free(p->findings.v);
    free(p->dates);
    warehouse_read_info_free(&p->db);
    arena_free(p->a);
    if (p->rc_open)
        pipeline_run_end(&p->rc);
    memset(p, 0, sizeof *p);
}
