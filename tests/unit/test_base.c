/*
 * test_base.c — the base layer's pure pieces: SHA-256 against the FIPS
 * 180-4 examples (whole and fed in pieces across block boundaries), the
 * string buffer (growth, limit, sticky failure, take, addf, truncate), the
 * UTF-8 decoder (valid, invalid, overlong, surrogate, cut, every code point
 * encoded and decoded back) and the chained form of the hash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../base/arena.h"
#include "../../base/hash.h"
#include "../../base/sha256.h"
#include "../../base/strbuf.h"
#include "../../base/utf8.h"
#include "unit.h"

/* --- SHA-256 -------------------------------------------------------------- */

#define ABC_DIGEST "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define EMPTY_DIGEST "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define MSG448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define MSG448_DIGEST "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define MSG896 "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno" \
               "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
#define MSG896_DIGEST "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
#define MILLION_A_DIGEST "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

static const char *hex(const char *s, size_t n)
{
    static char out[65];
    sha256_hex(s, n, out);
    return out;
}

/* The digest of s fed in pieces of the given sizes (cycled). */
static const char *in_pieces(const char *s, size_t n, const size_t *sizes, size_t nsizes)
{
    static char out[65];
    sha256_ctx c;
    sha256_init(&c);
    for (size_t i = 0, k = 0; i < n; k++) {
        size_t l = sizes[k % nsizes];
        if (l > n - i)
            l = n - i;
        sha256_update(&c, s + i, l);
        i += l;
    }
    sha256_final_hex(&c, out);
    return out;
}

static void test_sha256(void)
{
    CHECK_STR("sha256 abc", ABC_DIGEST, hex("abc", 3));
    CHECK_STR("sha256 empty", EMPTY_DIGEST, hex("", 0));
    CHECK_STR("sha256 448 bits", MSG448_DIGEST, hex(MSG448, strlen(MSG448)));
    CHECK_STR("sha256 896 bits", MSG896_DIGEST, hex(MSG896, strlen(MSG896)));

    size_t million = 1000000;
    char *a = malloc(million);
    if (!a)
        return;
    memset(a, 'a', million);
    CHECK_STR("sha256 million a", MILLION_A_DIGEST, hex(a, million));
    static const size_t thousand[] = {1000};
    CHECK_STR("sha256 million a by 1000", MILLION_A_DIGEST, in_pieces(a, million, thousand, 1));
    static const size_t odd[] = {1, 63, 64, 65, 127, 3};
    CHECK_STR("sha256 million a, odd pieces", MILLION_A_DIGEST, in_pieces(a, million, odd, 6));
    free(a);

    static const size_t one[] = {1}, split[] = {55, 1, 8}, zero_then[] = {0, 2};
    CHECK_STR("sha256 abc byte by byte", ABC_DIGEST, in_pieces("abc", 3, one, 1));
    CHECK_STR("sha256 abc, empty updates", ABC_DIGEST, in_pieces("abc", 3, zero_then, 2));
    CHECK_STR("sha256 448 bits split at the padding", MSG448_DIGEST,
              in_pieces(MSG448, strlen(MSG448), split, 3));
    CHECK_STR("sha256 896 bits byte by byte", MSG896_DIGEST,
              in_pieces(MSG896, strlen(MSG896), one, 1));
    CHECK_STR("sha256 896 bits split", MSG896_DIGEST, in_pieces(MSG896, strlen(MSG896), odd, 6));
}

/* --- strbuf --------------------------------------------------------------- */

static void test_strbuf_growth(void)
{
    strbuf b = {0};
    CHECK_STR("empty str", "", strbuf_str(&b));
    CHECK_INT("empty n", 0, b.n);
    int bad = 0;
    for (int i = 0; i < 10000; i++)
        bad |= strbuf_addc(&b, (char)('a' + i % 26));
    CHECK_INT("addc ok", 0, bad);
    CHECK_INT("grown n", 10000, b.n);
    CHECK_INT("room for the NUL", 1, b.cap > b.n);
    CHECK_INT("NUL-terminated", 0, b.s[b.n]);
    CHECK_INT("bytes kept", 1, b.s[0] == 'a' && b.s[25] == 'z' && b.s[9999] == 'a' + 9999 % 26);
    strbuf_reset(&b);
    CHECK_STR("reset", "", strbuf_str(&b));
    CHECK_INT("add with NUL", 0, strbuf_add(&b, "x\0y", 3));
    CHECK_INT("add with NUL n", 3, b.n);
    CHECK_INT("add with NUL bytes", 0, memcmp(b.s, "x\0y", 4));
    strbuf_reset(&b);
    strbuf_adds(&b, "Gao en");
    strbuf_truncate(&b, 3);
    CHECK_STR("truncate", "Gao", strbuf_str(&b));
    strbuf_truncate(&b, 10);
    CHECK_STR("truncate longer", "Gao", strbuf_str(&b));
    strbuf_free(&b);
    CHECK_INT("free", 1, !b.s && !b.n && !b.cap && !b.max && !b.failed);

    CHECK_INT("reserve", 0, strbuf_reserve(&b, 100));
    CHECK_STR("reserve is a string", "", strbuf_str(&b));
    strbuf_free(&b);
}

static void test_strbuf_limit(void)
{
    strbuf b = {.max = 5};
    CHECK_INT("under limit", 0, strbuf_adds(&b, "abc"));
    CHECK_INT("at limit", 0, strbuf_adds(&b, "de"));
    CHECK_INT("past limit", -1, strbuf_addc(&b, 'f'));
    CHECK_INT("limit reported", STRBUF_LIMIT, b.failed);
    CHECK_STR("kept before limit", "abcde", strbuf_str(&b));
    CHECK_INT("sticky: empty add", -1, strbuf_add(&b, "", 0));
    CHECK_INT("sticky: addf", -1, strbuf_addf(&b, "%d", 1));
    CHECK_STR("sticky: unchanged", "abcde", strbuf_str(&b));
    strbuf_reset(&b);
    CHECK_INT("reset clears failure", STRBUF_OK, b.failed);
    CHECK_INT("reset keeps limit", 5, b.max);
    CHECK_INT("addf past limit", -1, strbuf_addf(&b, "%s", "123456"));
    CHECK_STR("addf past limit adds nothing", "", strbuf_str(&b));
    CHECK_INT("take after failure", 1, strbuf_take(&b) == NULL);
    CHECK_INT("take after failure empties", 1, b.n == 0 && b.failed == STRBUF_OK);
    strbuf_free(&b);

    strbuf u = {0};
    strbuf_adds(&u, "ab");
    CHECK_INT("size overflow", -1, strbuf_add(&u, "", SIZE_MAX));
    CHECK_INT("size overflow is a limit", STRBUF_LIMIT, u.failed);
    strbuf_free(&u);

    strbuf m = {0};
    strbuf_adds(&m, "kept");
    m.failed = STRBUF_NOMEM;           /* as after a failed realloc */
    CHECK_INT("nomem sticky", -1, strbuf_adds(&m, "more"));
    CHECK_INT("nomem stays", STRBUF_NOMEM, m.failed);
    CHECK_STR("nomem keeps bytes", "kept", strbuf_str(&m));
    CHECK_INT("nomem take", 1, strbuf_take(&m) == NULL);
    strbuf_free(&m);
}

static void test_strbuf_take_addf(void)
{
    strbuf b = {0};
    char *s = strbuf_take(&b);
    CHECK_STR("take empty", "", s);
    free(s);
    strbuf_addf(&b, "%s:%ld", "rapport.txt", 42L);
    CHECK_STR("addf", "rapport.txt:42", strbuf_str(&b));
    strbuf_addf(&b, " %05.1f%%", 3.14159);
    CHECK_STR("addf appends", "rapport.txt:42 003.1%", strbuf_str(&b));
    char big[300];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    strbuf_reset(&b);
    CHECK_INT("addf long", 0, strbuf_addf(&b, "<%s>", big));
    CHECK_INT("addf long n", 301, b.n);
    CHECK_INT("addf long ends", 1, b.s[0] == '<' && b.s[299] == 'x' && b.s[300] == '>' && !b.s[301]);
    size_t n = b.n;
    s = strbuf_take(&b);
    CHECK_INT("take hands the bytes", 1, s && strlen(s) == n);
    CHECK_INT("take empties", 1, !b.s && !b.n && !b.cap);
    free(s);
    strbuf_adds(&b, "again");
    CHECK_STR("usable after take", "again", strbuf_str(&b));
    strbuf_free(&b);
}

/* --- UTF-8 ---------------------------------------------------------------- */

static long decode(const char *s, size_t n, unsigned *cp)
{
    return (long)utf8_decode((const unsigned char *)s, n, cp);
}

static void test_utf8_decode(void)
{
    unsigned cp = 0;
    CHECK_INT("ascii", 1, decode("A", 1, &cp));
    CHECK_INT("ascii cp", 'A', cp);
    CHECK_INT("2 bytes", 2, decode("\xC3\xA9", 2, &cp));
    CHECK_INT("2 bytes cp", 0xE9, cp);
    CHECK_INT("3 bytes", 3, decode("\xE2\x82\xAC", 3, &cp));
    CHECK_INT("3 bytes cp", 0x20AC, cp);
    CHECK_INT("4 bytes", 4, decode("\xF0\x9F\x98\x80", 4, &cp));
    CHECK_INT("4 bytes cp", 0x1F600, cp);
    CHECK_INT("highest", 4, decode("\xF4\x8F\xBF\xBF", 4, &cp));
    CHECK_INT("highest cp", 0x10FFFF, cp);
    CHECK_INT("NULL cp", 3, decode("\xEF\xBF\xBD", 3, NULL));

    CHECK_INT("nothing", 0, decode("", 0, &cp));
    CHECK_INT("lone continuation", 0, decode("\x80", 1, &cp));
    CHECK_INT("FF", 0, decode("\xFF", 1, &cp));
    CHECK_INT("F5", 0, decode("\xF5\x80\x80\x80", 4, &cp));
    CHECK_INT("overlong C0", 0, decode("\xC0\xAF", 2, &cp));
    CHECK_INT("overlong C1", 0, decode("\xC1\xBF", 2, &cp));
    CHECK_INT("overlong E0", 0, decode("\xE0\x80\xAF", 3, &cp));
    CHECK_INT("overlong E0 9F", 0, decode("\xE0\x9F\xBF", 3, &cp));
    CHECK_INT("overlong F0", 0, decode("\xF0\x8F\xBF\xBF", 4, &cp));
    CHECK_INT("surrogate D800", 0, decode("\xED\xA0\x80", 3, &cp));
    CHECK_INT("surrogate DFFF", 0, decode("\xED\xBF\xBF", 3, &cp));
    CHECK_INT("above 10FFFF", 0, decode("\xF4\x90\x80\x80", 4, &cp));
    CHECK_INT("cut 2", 0, decode("\xC3", 1, &cp));
    CHECK_INT("cut 3", 0, decode("\xE2\x82", 2, &cp));
    CHECK_INT("cut by n", 0, decode("\xE2\x82\xAC", 2, &cp));
    CHECK_INT("bad continuation", 0, decode("\xE2\x28\xA1", 3, &cp));
}

static int valid(const char *s, int *cut)
{
    return utf8_valid((const unsigned char *)s, strlen(s), cut);
}

static void test_utf8_valid(void)
{
    int cut = -1;
    CHECK_INT("valid", 1, valid("Ségou \xE2\x82\xAC \xF0\x9F\x98\x80", &cut));
    CHECK_INT("valid no cut", 0, cut);
    CHECK_INT("empty valid", 1, valid("", NULL));
    CHECK_INT("cut at end", 0, valid("Mopti \xE2\x82", &cut));
    CHECK_INT("cut at end flagged", 1, cut);
    CHECK_INT("cut 4 at end", 0, valid("x\xF0\x9F\x98", &cut));
    CHECK_INT("cut 4 at end flagged", 1, cut);
    CHECK_INT("cut inside", 0, valid("\xE2\x82 Gao", &cut));
    CHECK_INT("cut inside is not a cut", 0, cut);
    CHECK_INT("overlong at end", 0, valid("a\xC0", &cut));
    CHECK_INT("overlong is not a cut", 0, cut);
    CHECK_INT("latin-1", 0, valid("caf\xE9s", &cut));
    CHECK_INT("latin-1 is not a cut", 0, cut);
    CHECK_INT("surrogate", 0, valid("\xED\xA0\x80", &cut));
    CHECK_INT("surrogate not a cut", 0, cut);

    size_t multi, bad;
    const char *t = "a\xC3\xA9\xE2\x82\xAC\xFF\x80z";
    CHECK_INT("census", 0, utf8_census((const unsigned char *)t, strlen(t), &multi, &bad));
    CHECK_INT("census multi", 2, multi);
    CHECK_INT("census bad", 2, bad);
    CHECK_INT("census clean", 1, utf8_census((const unsigned char *)"abc", 3, &multi, &bad));
    CHECK_INT("census clean counts", 0, multi + bad);
}

/* Every scalar value encodes to its shortest form and decodes back. */
static void test_utf8_round_trip(void)
{
    size_t wrong = 0, checked = 0;
    for (unsigned cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char u[4];
        size_t n = utf8_encode(cp, u);
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        unsigned back = ~0u;
        if (n != want || utf8_decode((const unsigned char *)u, n, &back) != n || back != cp ||
            !utf8_valid((const unsigned char *)u, n, NULL))
            wrong++;
        checked++;
    }
    CHECK_INT("round trip checked", 0x110000 - 0x800, checked);
    CHECK_INT("round trip wrong", 0, wrong);
    char u[4];
    CHECK_INT("encode e-acute", 2, utf8_encode(0xE9, u));
    CHECK_INT("encode e-acute bytes", 0, memcmp(u, "\xC3\xA9", 2));
    CHECK_INT("encode euro", 3, utf8_encode(0x20AC, u));
    CHECK_INT("encode euro bytes", 0, memcmp(u, "\xE2\x82\xAC", 3));
}

/* --- hash ----------------------------------------------------------------- */

static int row_eq(uint32_t row, const void *key, void *ctx)
{
    const char *const *rows = ctx;
    return strcmp(rows[row], key) == 0;
}

static void test_hash(void)
{
    CHECK_INT("fnv chained = bytes", 1,
              hash_mix(hash_fnv(hash_fnv(HASH_FNV_INIT, "gao ", 4), "menaka", 6)) ==
                  hash_bytes("gao menaka", 10, 0));
    CHECK_INT("fnv seed", 1,
              hash_mix(hash_fnv(HASH_FNV_INIT ^ 7u, "x", 1)) == hash_bytes("x", 1, 7));
    CHECK_INT("fnv empty", 1, hash_fnv(HASH_FNV_INIT, "", 0) == HASH_FNV_INIT);

    static const char *const rows[] = {"mopti", "gao", "segou", "kidal", "tombouctou"};
    hidx h;
    hidx_init(&h);
    ac_error err = AC_OK;
    for (uint32_t i = 0; i < 5 && !err; i++)
        err = hidx_insert(&h, hash_bytes(rows[i], strlen(rows[i]), 0), i);
    CHECK_INT("hidx insert", AC_OK, err);
    CHECK_INT("hidx find", 2, hidx_find(&h, hash_bytes("segou", 5, 0), row_eq, "segou", (void *)rows));
    CHECK_INT("hidx miss", HIDX_NONE,
              hidx_find(&h, hash_bytes("bamako", 6, 0), row_eq, "bamako", (void *)rows));
    hidx_free(&h);
    hidx_free(&h);
}

/* A whole file read into one string; none past max or when missing. */
static void test_strbuf_read_path(void)
{
    char path[] = "/tmp/aidcube-test-base.XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        CHECK_INT("temporary file", 1, 0);
        return;
    }
    fputs("001\tschema\n", f);
    fclose(f);
    size_t n = 0;
    char *t = strbuf_read_path(path, 0, &n);
    CHECK_STR("read_path text", "001\tschema\n", t ? t : "(null)");
    CHECK_INT("read_path length", 11, n);
    free(t);
    t = strbuf_read_path(path, 10, NULL);
    CHECK_INT("read_path past max", 1, t == NULL);
    free(t);
    unlink(path);
    CHECK_INT("read_path missing", 1, strbuf_read_path(path, 0, NULL) == NULL);
}

/* arena_alloc zeroes; arena_strndup copies and ends with NUL (and writes
 * no byte past it); arena_grow keeps the old elements and zeroes the new
 * ones, in a shared chunk and in an array past a chunk's least size. */
static void test_arena(void)
{
    arena *a = arena_new(0);
    unsigned char *z = arena_alloc(a, 40);
    int zero = 1;
    for (int i = 0; i < 40; i++)
        zero &= z[i] == 0;
    CHECK_INT("alloc zeroed", 1, zero);
    memset(z, 0xAB, 40);
    char *s = arena_strndup(a, "abcdef", 3);
    CHECK_INT("strndup", 0, strcmp(s, "abc"));
    CHECK_INT("strndup after a dirty block", 1, z[39] == 0xAB && s != (char *)z);
    for (size_t n = 8; n <= 64 * 1024; n *= 8) {   /* 8, 64, 512, 4096, 32768 ints */
        int *v = arena_alloc(a, 4 * sizeof *v);
        for (int i = 0; i < 4; i++)
            v[i] = i + 1;
        v = arena_grow(a, v, 4, n, sizeof *v);
        arena_alloc(a, 16);                      /* something after it */
        int kept = v[0] == 1 && v[3] == 4, clear = 1;
        for (size_t i = 4; i < n; i++)
            clear &= v[i] == 0;
        CHECK_INT("grow keeps", 1, kept);
        CHECK_INT("grow zeroes the new elements", 1, clear);
        for (size_t i = 0; i < n; i++)
            v[i] = -1;
        v = arena_grow(a, v, n, 2 * n, sizeof *v);
        clear = v[n - 1] == -1;
        for (size_t i = n; i < 2 * n; i++)
            clear &= v[i] == 0;
        CHECK_INT("grow again: old kept, new zeroed", 1, clear);
    }
    arena_free(a);
}

int main(void)
{
    test_arena();
    test_sha256();
    test_strbuf_growth();
    test_strbuf_limit();
    test_strbuf_take_addf();
    test_strbuf_read_path();
    test_utf8_decode();
    test_utf8_valid();
    test_utf8_round_trip();
    test_hash();
    return unit_done("base");
}
