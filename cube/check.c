/*
 * check.c — reconciliation findings (see check.h for the rules).
 *
 * Everything here reads the built cube: its facts (with provenance) and its
 * cells (reported / computed values).  Findings are produced in a fixed order
 * (rule by rule, facts in source order) so the output is stable.
 */
#include "check.h"


#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ac_error push(finding_list *fl, const finding *f)
{
    if (fl->n == fl->cap) {
        size_t nc = fl->cap ? fl->cap * 2 : 32;
        finding *nv = realloc(fl->v, nc * sizeof *nv);
        if (!nv)
            return AC_ERR_NOMEM;
        fl->v = nv;
        fl->cap = nc;
    }
    fl->v[fl->n++] = *f;
    return AC_OK;
}

const char *check_verdict_name(check_verdict v)
{
    switch (v) {
    case VERDICT_OK: return "ok";
    case VERDICT_MISMATCH: return "mismatch";
    case VERDICT_UNVERIFIABLE: return "unverifiable";
    case VERDICT_INVALID: return "invalid";
    }
    return "?";
}

size_t check_count(const finding_list *fl, check_verdict v)
{
    size_t n = 0;
    for (size_t i = 0; i < fl->n; i++)
        n += fl->v[i].verdict == v;
    return n;
}

ac_error check_add_invalid_date(finding_list *fl, arena *a, const char *doc,
                                long line, const char *text)
{
    finding f;
    memset(&f, 0, sizeof f);
    f.verdict = VERDICT_INVALID;
    f.rule = "date";
    f.what = arena_printf(a, "impossible date \"%s\"", text);
    f.unit = "";
    f.lines = arena_printf(a, "%s:%ld", doc, line);
    if (!f.what || !f.lines)
        return AC_ERR_NOMEM;
    return push(fl, &f);
}

/* ---- helpers ---------------------------------------------------------------- */

static const char *coord_text(const cube *c, arena *a, const cube_fact *f)
{
    char per[24];
    obs_period(&f->o, per, sizeof per);
    return arena_printf(a, "%s%s%s%s%s%s%s%s%s", f->o.fund ? f->o.fund : "",
                        f->o.country ? " " : "", f->o.country ? f->o.country : "",
                        f->o.region ? " " : "", f->o.region ? f->o.region : "",
                        f->o.sector ? " " : "", f->o.sector ? f->o.sector : "",
                        per[0] ? " " : "", per);
    (void)c;
}

static int is_amount(const cube_fact *f)
{
    return f->o.measure == OBS_AMOUNT && !f->excluded;
}

static int is_projects(const cube_fact *f)
{
    return f->o.measure == OBS_COUNT && f->o.unit && !strcmp(f->o.unit, "projects");
}

static int same_class(const cube_fact *a, const cube_fact *b)
{
    if (a->o.measure != b->o.measure)
        return 0;
    if (a->o.measure == OBS_AMOUNT)
        return 1;       /* compared in USD */
    return a->o.unit && b->o.unit && !strcmp(a->o.unit, b->o.unit);
}

static double fact_value(const cube_fact *f)
{
    return f->o.measure == OBS_AMOUNT ? f->usd : num_to_double(f->o.value);
}

static const char *unit_of(const cube_fact *f)
{
    return f->o.measure == OBS_AMOUNT ? "USD" : f->o.unit ? f->o.unit : "";
}

/* tolerance for comparing a stated total with a sum */
static double sum_tolerance(const cube_fact *t)
{
    if (t->o.measure != OBS_AMOUNT)
        return t->o.qual == SCAN_Q_APPROX ? fabs(fact_value(t)) * 0.05 : 0.0;
    double tol = 1.0;   /* one unit of rounding */
    if (t->o.value.scale == 0 && t->o.value.mant % 100000 == 0)
        tol = fabs(fact_value(t)) * 0.005;  /* a rounded figure: 11,9 millions */
    if (t->o.qual == SCAN_Q_APPROX)
        tol = fabs(fact_value(t)) * 0.05;
    return tol;
}

/* append "doc:line" refs */
static const char *refs_add(arena *a, const char *refs, const cube_fact *f)
{
    if (!refs)
        return arena_printf(a, "%s:%ld", f->o.doc, f->o.line);
    /* a finding lists its first lines; a chart of thousands stays readable
     * (and the list is not rebuilt thousands of times) */
    size_t len = strlen(refs);
    if (len > 2000)
        return len > 3 && !strcmp(refs + len - 3, "...") ? refs : arena_printf(a, "%s ...", refs);
    return arena_printf(a, "%s %s:%ld", refs, f->o.doc, f->o.line);
}

/* Is fact p strictly inside fact t's coordinate? */
static int strictly_inside(const cube *c, const cube_fact *p, const cube_fact *t)
{
    int finer = 0;
    for (int d = 0; d < DIM__N; d++) {
        int pk = p->key[d], tk = t->key[d];
        if (pk == tk)
            continue;
        if (!pk)
            return 0;          /* coarser on d */
        if (tk) {
            int x = c->dim[d].m[pk].parent, ok = 0;
            for (int g = 0; x && g < 8; g++, x = c->dim[d].m[x].parent)
                if (x == tk)
                    ok = 1;
            if (!ok)
                return 0;
        }
        finer = 1;
    }
    return finer;
}

static int overlap(const cube *c, const cube_fact *a, const cube_fact *b)
{
    for (int d = 0; d < DIM__N; d++) {
        int x = a->key[d], y = b->key[d];
        if (!x || !y || x == y)
            continue;
        /* related by hierarchy? */
        int rel = 0;
        for (int g = 0, p = c->dim[d].m[x].parent; p && g < 8; g++, p = c->dim[d].m[p].parent)
            if (p == y)
                rel = 1;
        for (int g = 0, p = c->dim[d].m[y].parent; p && g < 8; g++, p = c->dim[d].m[p].parent)
            if (p == x)
                rel = 1;
        if (!rel)
            return 0;
    }
    return 1;
}

static int coarseness(const cube_fact *f)
{
    int n = 0;
    for (int d = 0; d < DIM__N; d++)
        n += f->key[d] == 0;
    return n;
}

/* ---- rules --------------------------------------------------------------------- */

static ac_error verdict_push(finding_list *out, finding *f, double tol)
{
    f->diff = f->computed - f->stated;
    f->verdict = fabs(f->diff) <= tol + 1e-9 ? VERDICT_OK : VERDICT_MISMATCH;
    return push(out, f);
}

/* a total and its parts stated in one sentence */
static ac_error rule_sentence_sums(const cube *c, arena *a, finding_list *out)
{
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *t = &c->facts[i];
        /* "coût de X sur un budget de Y" is no sum: only counts add up */
        if (!t->o.total || t->o.measure != OBS_COUNT)
            continue;
        finding f;
        memset(&f, 0, sizeof f);
        double sum = 0;
        int n = 0;
        const char *refs = refs_add(a, NULL, t), *terms = NULL;
        for (size_t j = 0; j < c->n_facts; j++) {
            const cube_fact *p = &c->facts[j];
            if (!p->o.part || p->source != t->source || p->o.sentence != t->o.sentence ||
                !same_class(p, t))
                continue;
            sum += fact_value(p);
            n++;
            char v[40];
            num_format(p->o.value, v, sizeof v);
            terms = terms ? arena_printf(a, "%s + %s", terms, v) : arena_strdup(a, v);
            refs = refs_add(a, refs, p);
        }
        if (n == 0)
            continue;
        if (!refs || !terms)
            return AC_ERR_NOMEM;
        char tv[40];
        num_format(t->o.value, tv, sizeof tv);
        f.rule = "sum";
        f.what = arena_printf(a, "%s: %s = %s %s (stated together)", coord_text(c, a, t),
                              terms, tv, t->o.unit ? t->o.unit : "");
        f.stated = fact_value(t);
        f.computed = sum;
        f.has_stated = f.has_computed = 1;
        f.unit = unit_of(t);
        f.lines = refs;
        if (!f.what)
            return AC_ERR_NOMEM;
        ac_error err = verdict_push(out, &f, sum_tolerance(t));
        if (err)
            return err;
    }
    return AC_OK;
}

static int by_coarse(const void *x, const void *y, void *ctx)
{
    const cube *c = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int ca = coarseness(&c->facts[a]), cb = coarseness(&c->facts[b]);
    if (ca != cb)
        return ca > cb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* a stated total against the stated parts inside its coordinate */
static ac_error rule_cube_sums(const cube *c, arena *a, finding_list *out)
{
    size_t *cand = malloc((c->n_facts + 1) * sizeof *cand);
    size_t *sel = malloc((c->n_facts + 1) * sizeof *sel);
    if (!cand || !sel) {
        free(cand);
        free(sel);
        return AC_ERR_NOMEM;
    }
    ac_error err = AC_OK;
    for (size_t i = 0; i < c->n_facts && !err; i++) {
        const cube_fact *t = &c->facts[i];
        if (t->o.part || !(is_amount(t) || is_projects(t)))
            continue;
        /* one check per coordinate and class: the fact stated as a total,
         * else the largest, else the first */
        int dup = 0;
        for (size_t k = 0; k < c->n_facts && !dup; k++) {
            const cube_fact *u = &c->facts[k];
            if (k == i || u->o.part || !same_class(u, t) || !(is_amount(u) || is_projects(u)) ||
                memcmp(u->key, t->key, sizeof u->key))
                continue;
            if (u->o.total != t->o.total)
                dup = u->o.total;
            else if (fact_value(u) != fact_value(t))
                dup = fact_value(u) > fact_value(t);
            else
                dup = k < i;
        }
        if (dup)
            continue;
        size_t nc = 0;
        for (size_t j = 0; j < c->n_facts; j++) {
            const cube_fact *p = &c->facts[j];
            if (j == i || p->o.part || !same_class(p, t) || !(is_amount(p) || is_projects(p)))
                continue;
            if (p->source == t->source && p->o.sentence == t->o.sentence)
                continue;
            /* amounts add up only within one chart or table: a few
             * projects named in the text are not a breakdown */
            if (is_amount(t) && !p->o.group)
                continue;
            if (strictly_inside(c, p, t))
                cand[nc++] = j;
        }
        qsort_r(cand, nc, sizeof *cand, by_coarse, (void *)c);
        size_t ns = 0;
        for (size_t k = 0; k < nc; k++) {
            int ov = 0;
            for (size_t s = 0; s < ns && !ov; s++)
                ov = overlap(c, &c->facts[cand[k]], &c->facts[sel[s]]);
            if (!ov)
                sel[ns++] = cand[k];
        }
        if (ns < 2)
            continue;
        double sum = 0;
        const char *refs = refs_add(a, NULL, t);
        for (size_t s = 0; s < ns; s++) {
            sum += fact_value(&c->facts[sel[s]]);
            refs = refs_add(a, refs, &c->facts[sel[s]]);
        }
        /* name the dimensions along which the parts differ from the total;
         * a breakdown is along one dimension (a total without a period may
         * have parts that state one) */
        char along[64] = "";
        int n_along = 0;
        for (int d = 0; d < DIM__N; d++) {
            int differs = 0;
            for (size_t s = 0; s < ns; s++)
                differs |= c->facts[sel[s]].key[d] != t->key[d];
            if (differs) {
                if (along[0])
                    strcat(along, "+");
                strcat(along, cube_dim_name[d]);
                if (!(d == DIM_YEAR && t->key[d] == 0))
                    n_along++;
            }
        }
        if (n_along != 1)
            continue;
        finding f;
        memset(&f, 0, sizeof f);
        f.rule = "sum";
        f.what = arena_printf(a, "%s: total of %s by %s (%zu parts)", coord_text(c, a, t),
                              is_projects(t) ? "projects" : "amounts", along, ns);
        f.stated = fact_value(t);
        f.computed = sum;
        f.has_stated = f.has_computed = 1;
        f.unit = unit_of(t);
        f.lines = refs;
        if (!f.what || !refs) {
            err = AC_ERR_NOMEM;
            break;
        }
        err = verdict_push(out, &f, sum_tolerance(t));
    }
    free(cand);
    free(sel);
    return err;
}

static double share_tolerance(const cube_fact *s, double forced)
{
    if (forced >= 0)
        return forced;
    if (s->o.qual == SCAN_Q_APPROX)
        return 1.0;
    double t = 0.5;
    for (int k = 0; k < s->o.value.scale; k++)
        t /= 10;
    return t;
}

/* best amount of the cell at key (reported or computed), or -1 */
static double cell_amount(const cube *c, const int key[DIM__N], const cube_cell **out)
{
    const cube_cell *x = cube_cell_at(c, key);
    *out = x;
    if (!x)
        return -1;
    if (x->has_reported)
        return x->reported_usd;
    if (x->has_computed)
        return x->computed_usd;
    return -1;
}

static ac_error rule_shares(const cube *c, const check_opts *o, arena *a, finding_list *out)
{
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *s = &c->facts[i];
        if (s->o.measure != OBS_SHARE)
            continue;
        double part = -1, total = -1;
        const char *refs = refs_add(a, NULL, s), *how = NULL;
        int tkey[DIM__N];
        memcpy(tkey, s->key, sizeof tkey);
        if (s->key[DIM_SECTOR] || (s->key[DIM_REGION] &&
                                   c->dim[DIM_REGION].m[s->key[DIM_REGION]].level == 2)) {
            if (s->key[DIM_SECTOR])
                tkey[DIM_SECTOR] = 0;
            else
                tkey[DIM_REGION] = c->dim[DIM_REGION].m[s->key[DIM_REGION]].parent;
            const cube_cell *pc, *tc;
            part = cell_amount(c, s->key, &pc);
            total = cell_amount(c, tkey, &tc);
            if (pc && pc->sources)
                refs = arena_printf(a, "%s %s", refs, pc->sources);
            if (tc && tc->sources)
                refs = arena_printf(a, "%s %s", refs, tc->sources);
            how = "part / total of the cube";
        } else if (!s->o.group) {
            /* a share of a total stated with its parts in one sentence */
            const cube_fact *tp = NULL, *pp = NULL;
            for (size_t j = 0; j < c->n_facts; j++) {
                const cube_fact *f = &c->facts[j];
                if (f->source != s->source || f->o.measure != OBS_AMOUNT ||
                    memcmp(f->key, s->key, sizeof f->key))
                    continue;
                if (f->o.total && !tp)
                    tp = f;
            }
            if (tp)
                for (size_t j = 0; j < c->n_facts; j++) {
                    const cube_fact *f = &c->facts[j];
                    if (f->o.part && f->source == tp->source && f->o.sentence == tp->o.sentence &&
                        f->o.measure == OBS_AMOUNT) {
                        pp = f;
                        break;
                    }
                }
            if (tp && pp) {
                part = pp->usd;
                total = tp->usd;
                refs = refs_add(a, refs_add(a, refs, pp), tp);
                how = "part / total stated together";
            }
        }
        if (part < 0 || total <= 0 || !refs)
            continue;
        char sv[40];
        num_format(s->o.value, sv, sizeof sv);
        finding f;
        memset(&f, 0, sizeof f);
        f.rule = "share";
        f.what = arena_printf(a, "%s: %s%s%% stated; %.2f / %.2f USD (%s)", coord_text(c, a, s),
                              s->o.qual == SCAN_Q_APPROX ? "about " : "", sv, part, total, how);
        f.stated = num_to_double(s->o.value);
        f.computed = round(part / total * 10000.0) / 100.0;
        f.has_stated = f.has_computed = 1;
        f.unit = "%";
        f.lines = refs;
        if (!f.what)
            return AC_ERR_NOMEM;
        f.diff = f.computed - f.stated;
        f.verdict = fabs(part / total * 100.0 - f.stated) <= share_tolerance(s, o->tolerance) + 1e-9
                        ? VERDICT_OK : VERDICT_MISMATCH;
        ac_error err = push(out, &f);
        if (err)
            return err;
    }
    return AC_OK;
}

static ac_error rule_shares100(const cube *c, const check_opts *o, arena *a, finding_list *out)
{
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *s = &c->facts[i];
        if (s->o.measure != OBS_SHARE || !s->o.group || s->o.total)
            continue;
        int first = 1;
        for (size_t k = 0; k < i && first; k++)
            if (c->facts[k].o.measure == OBS_SHARE && c->facts[k].source == s->source &&
                c->facts[k].o.group == s->o.group)
                first = 0;
        if (!first)
            continue;
        double sum = 0;
        int n = 0;
        const char *refs = NULL;
        for (size_t k = i; k < c->n_facts; k++) {
            const cube_fact *x = &c->facts[k];
            if (x->o.measure == OBS_SHARE && x->source == s->source && x->o.group == s->o.group &&
                !x->o.total) {
                sum += num_to_double(x->o.value);
                n++;
                refs = refs_add(a, refs, x);
            }
        }
        if (n < 2)
            continue;
        finding f;
        memset(&f, 0, sizeof f);
        f.rule = "shares100";
        f.what = arena_printf(a, "%s: %d shares of one chart or table", coord_text(c, a, s), n);
        f.stated = 100;
        f.computed = round(sum * 1000) / 1000;
        f.has_stated = f.has_computed = 1;
        f.unit = "%";
        f.lines = refs;
        if (!f.what || !refs)
            return AC_ERR_NOMEM;
        ac_error err = verdict_push(out, &f, o->tolerance >= 0 ? o->tolerance : 1.0);
        if (err)
            return err;
    }
    return AC_OK;
}

static ac_error rule_fund(const cube *c, arena *a, finding_list *out)
{
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *f = &c->facts[i];
        if (!f->o.fund || f->o.part || f->o.total)
            continue;
        const gz_entry *fund = gazetteer_get(c->gz, GZ_FUND, f->o.fund);
        if (!fund)
            continue;
        /* project grain: a place below the country */
        int local = f->key[DIM_REGION] && c->dim[DIM_REGION].m[f->key[DIM_REGION]].level == 2;
        if (!local)
            continue;
        finding r;
        memset(&r, 0, sizeof r);
        r.rule = "fund-rule";
        r.has_stated = r.has_computed = 1;
        if (is_amount(f) && fund->max_amount > 0) {
            double cap = fund->max_amount, rate;
            int ry;
            const char *cur = fund->max_currency ? fund->max_currency : "USD";
            if (strcmp(cur, "USD") && cube_usd_rate(c->gz, cur, f->rate_year, &rate, &ry))
                cap *= rate;
            /* projects stated together in the sentence */
            double nproj = 0;
            const char *refs = refs_add(a, NULL, f);
            for (size_t j = 0; j < c->n_facts; j++) {
                const cube_fact *p = &c->facts[j];
                if (p->source == f->source && is_projects(p) &&
                    (p->o.sentence == f->o.sentence ||
                     (p->key[DIM_REGION] == f->key[DIM_REGION] &&
                      p->key[DIM_FUND] == f->key[DIM_FUND] && p->o.line <= f->o.line &&
                      p->o.line >= f->o.line - 12))) {
                    nproj += num_to_double(p->o.value);
                    refs = refs_add(a, refs, p);
                }
            }
            double per = nproj > 1 ? f->usd / nproj : f->usd;
            r.stated = cap;
            r.computed = round(per * 100) / 100;
            r.diff = r.computed - r.stated;
            r.unit = "USD";
            r.lines = refs;
            if (nproj > 1) {
                r.verdict = per <= cap ? VERDICT_UNVERIFIABLE : VERDICT_MISMATCH;
                r.what = arena_printf(a, "%s: %g projects for %.2f USD, average %.2f USD %s the cap of %s; each project unverifiable",
                                      coord_text(c, a, f), nproj, f->usd, per,
                                      per <= cap ? "within" : "over", f->o.fund);
            } else {
                r.verdict = per <= cap ? VERDICT_OK : VERDICT_MISMATCH;
                r.what = arena_printf(a, "%s: one project of %.2f USD against the cap of %s",
                                      coord_text(c, a, f), f->usd, f->o.fund);
            }
        } else if (f->o.measure == OBS_COUNT && f->o.unit && !strcmp(f->o.unit, "months") &&
                   fund->max_months > 0) {
            r.stated = fund->max_months;
            r.computed = num_to_double(f->o.value);
            r.diff = r.computed - r.stated;
            r.unit = "months";
            r.lines = refs_add(a, NULL, f);
            r.verdict = r.computed <= r.stated ? VERDICT_OK : VERDICT_MISMATCH;
            r.what = arena_printf(a, "%s: duration against the %d months of %s",
                                  coord_text(c, a, f), fund->max_months, f->o.fund);
        } else
            continue;
        if (!r.what || !r.lines)
            return AC_ERR_NOMEM;
        ac_error err = push(out, &r);
        if (err)
            return err;
    }
    return AC_OK;
}

/* the same figure stated differently by two sources */
static ac_error rule_agree(const cube *c, arena *a, finding_list *out)
{
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *x = &c->facts[i];
        if (!(is_amount(x) || is_projects(x)) || x->o.part)
            continue;
        for (size_t j = i + 1; j < c->n_facts; j++) {
            const cube_fact *y = &c->facts[j];
            if (y->source == x->source || !(is_amount(y) || is_projects(y)) || y->o.part ||
                !same_class(x, y) || memcmp(x->key, y->key, sizeof x->key))
                continue;
            double vx = fact_value(x), vy = fact_value(y);
            double hi = fmax(fabs(vx), fabs(vy));
            if (hi == 0 || fabs(vx - vy) > 0.1 * hi)
                continue;      /* not the same figure */
            double tol = fmax(sum_tolerance(x), sum_tolerance(y));
            finding f;
            memset(&f, 0, sizeof f);
            f.rule = "agree";
            f.what = arena_printf(a, "%s: stated by %s and by %s", coord_text(c, a, x),
                                  x->o.doc, y->o.doc);
            f.stated = vx;
            f.computed = vy;
            f.has_stated = f.has_computed = 1;
            f.unit = unit_of(x);
            f.lines = refs_add(a, refs_add(a, NULL, x), y);
            if (!f.what || !f.lines)
                return AC_ERR_NOMEM;
            ac_error err = verdict_push(out, &f, tol);
            if (err)
                return err;
        }
    }
    return AC_OK;
}

ac_error check_run(const cube *c, const check_opts *o, arena *a, finding_list *out)
{
    ac_error err;
    if ((err = rule_sentence_sums(c, a, out)) || (err = rule_cube_sums(c, a, out)) ||
        (err = rule_shares(c, o, a, out)) || (err = rule_shares100(c, o, a, out)) ||
        (err = rule_fund(c, a, out)) || (err = rule_agree(c, a, out)))
        return err;
    return AC_OK;
}
