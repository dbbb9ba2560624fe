/* pipeline.c — the in-process job (see pipeline.h). */
#include "pipeline.h"

#include "../base/vec.h"

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

/* The rows of a spreadsheet that were not loaded, kept for the reject
 * outputs (rejects.tsv, the warehouse's reject table). */
static ac_error keep_rejects(pipeline *p, const pipeline_run_doc *doc)
{
    ac_error err = AC_OK;
    for (size_t i = 0; !err && i < doc->rejects.n; i++) {
        const attribute_sheet_reject *r = &doc->rejects.v[i];
        if (vec_reserve((void **)&p->rejects, &p->cap_rejects, p->n_rejects + 1,
                        sizeof *p->rejects))
            return AC_ERR_NOMEM;
        export_reject *k = &p->rejects[p->n_rejects];
        *k = (export_reject){keep(p, doc->text.path, &err), keep(p, r->sheet, &err), r->row,
                               r->col, keep(p, r->raw, &err), keep(p, r->reason, &err)};
        p->n_rejects += !err;
    }
    return err;
}

/* What was kept of source k before it is replaced (model_source_replace):
 * its impossible dates (each with its finding: before the checks run the
 * findings are those dates, in the same order), its rows not loaded; the
 * sources after it move down one. */
static void forget_source(pipeline *p, size_t k)
{
    size_t w = 0;
    for (size_t i = 0; i < p->n_dates; i++) {
        if (p->dates[i].src == k)
            continue;
        p->dates[w] = p->dates[i];
        p->dates[w].src -= p->dates[w].src > k;
        if (i < p->findings.n)
            p->findings.v[w] = p->findings.v[i];
        w++;
    }
    if (p->findings.n == p->n_dates)
        p->findings.n = w;
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
        err = check_add_invalid_date(&p->findings, p->a, doc->text.name,
                                     doc->info.bad_date_line[i], doc->info.bad_date_text[i]);
        if (!err && vec_reserve((void **)&p->dates, &p->cap_dates, p->n_dates + 1, sizeof *p->dates))
            err = AC_ERR_NOMEM;
        char *t = err ? NULL : arena_strdup(p->a, doc->info.bad_date_text[i]);
        if (!err && !t)
            err = AC_ERR_NOMEM;
        if (!err)
            p->dates[p->n_dates++] = (warehouse_bad_date){p->m->n_src - 1, doc->info.bad_date_line[i], t};
    }
    return err;
}

/* One document into the model; AC_OK also when it is a copy.  A content
 * already loaded from another file is one source, read from the smaller of
 * the two paths (byte order) whatever order they came in (its name, and
 * the reader its name chooses, make its facts); the other is named in a
 * warning. */
static ac_error load_doc(pipeline *p, const pipeline_run_doc *doc, int test_mode)
{
    const fact_source *same = model_find_content(p->m, doc->text.sha256);
    if (!same) {
        ac_error err = add_doc(p, doc, test_mode, NULL);
        p->n_loaded += !err;
        return err;
    }
    p->n_copies++;
    if (strcmp(doc->text.path, same->path) >= 0) {
        diag_warn(p->d, doc->text.path, 0, "same content as \"%s\": not loaded again", same->path);
        return AC_OK;
    }
    diag_warn(p->d, same->path, 0, "same content as \"%s\": not loaded again", doc->text.path);
    return add_doc(p, doc, test_mode, same);
}

static int cmp_str0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Rows not loaded by file, sheet, row and column. */
static int cmp_rejects(const void *x, const void *y)
{
    const export_reject *a = x, *b = y;
    int r = cmp_str0(a->path, b->path);
    if (!r)
        r = cmp_str0(a->sheet, b->sheet);
    if (!r && a->row != b->row)
        r = a->row < b->row ? -1 : 1;
    if (!r && a->col != b->col)
        r = a->col < b->col ? -1 : 1;
    return r;
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
    if (p->n_rejects)         /* rows not loaded, in an order of their own */
        qsort(p->rejects, p->n_rejects, sizeof *p->rejects, cmp_rejects);
    if (!o->db) {
        p->n_files = rc->files.n + rc->files.n_missing;
        p->n_rejected = rc->n_rejected;
        p->n_row_rejects = rc->n_row_rejects;
    }
    if (!err && rc->nomem)
        err = AC_ERR_NOMEM;
    if (!err)
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
