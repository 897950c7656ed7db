/* Wine only: a stand-in for Windows 10's system icuuc.dll, which Wine 8.0 lacks and which Qt 6.11's
   Qt6Core.dll imports (20 ucnv_* functions: QStringConverter's ICU backend). Without it no Qt
   program starts under Wine; on Windows 10 and 11 the real icuuc.dll is in system32, which is why
   PyInstaller leaves it out of the bundle and why the lane copies this one to system32 only.
   Every converter "is not there": ucnv_open fails with U_FILE_ACCESS_ERROR, so Qt keeps to its
   built-in UTF-8/16/32 and Latin-1 converters, which is all ParcDesk uses.
   Built by tools/windows/lane.sh with x86_64-w64-mingw32-gcc. */
#include <stddef.h>
#include <stdint.h>
typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define U_UNSUPPORTED_ERROR 16
#define X __declspec(dllexport)
static void fail(UErrorCode *e, int code) { if (e && *e <= 0) *e = code; }
X void *ucnv_open(const char *name, UErrorCode *e) { (void)name; fail(e, U_FILE_ACCESS_ERROR); return NULL; }
X void ucnv_close(void *c) { (void)c; }
X void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *a, void *b, const void *c, int32_t d, int32_t f, int g, UErrorCode *e) { (void)a;(void)b;(void)c;(void)d;(void)f;(void)g; fail(e, U_UNSUPPORTED_ERROR); }
X void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *a, void *b, const char *c, int32_t d, int g, UErrorCode *e) { (void)a;(void)b;(void)c;(void)d;(void)g; fail(e, U_UNSUPPORTED_ERROR); }
X void ucnv_reset(void *c) { (void)c; }
X int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
X const char *ucnv_getName(const void *c, UErrorCode *e) { (void)c; fail(e, U_UNSUPPORTED_ERROR); return NULL; }
X void ucnv_getToUCallBack(const void *c, void **f, const void **ctx) { (void)c; if (f) *f = NULL; if (ctx) *ctx = NULL; }
X void ucnv_getFromUCallBack(const void *c, void **f, const void **ctx) { (void)c; if (f) *f = NULL; if (ctx) *ctx = NULL; }
X void ucnv_setToUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *e) { (void)c;(void)n;(void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(e, U_UNSUPPORTED_ERROR); }
X void ucnv_setFromUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *e) { (void)c;(void)n;(void)nc; if (o) *o = NULL; if (oc) *oc = NULL; fail(e, U_UNSUPPORTED_ERROR); }
X void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t l, int32_t o, UErrorCode *e) { (void)a;(void)s;(void)l;(void)o; fail(e, U_UNSUPPORTED_ERROR); }
X void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *e) { (void)c;(void)t;(void)tl;(void)s;(void)sl;(void)o;(void)f; fail(e, U_UNSUPPORTED_ERROR); }
X void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *sl, int32_t o, UErrorCode *e) { (void)a;(void)s;(void)sl;(void)o; fail(e, U_UNSUPPORTED_ERROR); }
X int32_t ucnv_toUCountPending(const void *c, UErrorCode *e) { (void)c; (void)e; return 0; }
X int32_t ucnv_fromUCountPending(const void *c, UErrorCode *e) { (void)c; (void)e; return 0; }
X const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { (void)n;(void)s; (void)e; return NULL; }
X const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
X int32_t ucnv_countAvailable(void) { return 0; }
X void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *e) { (void)c;(void)t;(void)tl;(void)s;(void)sl;(void)o;(void)f; fail(e, U_UNSUPPORTED_ERROR); }
