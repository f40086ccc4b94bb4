/*
 * RDSEED shim for quamtx: the 64-bit instruction, a bounded retry loop with PAUSE, and a
 * process-wide script that tests use in place of the instruction.
 *
 * Every call that returns a word checks it against the failures real CPUs have shipped:
 * CF=0 (not ready, retried), 0 or all-ones with CF=1 (AMD-SB-7055, systemd #11810) and a
 * word equal to the previous one (a stuck generator). The last two stop the fill at once.
 *
 * Two ways in: the plain C functions, bound through JNA by benchmarks, and (when built with
 * QUAMTX_JNI and the JDK's headers) JNI entry points for io.quamtx.drivers.rdseed.RdseedJni, which
 * the driver uses so that the first seed of a fresh JVM does not wait for JNA to load.
 */
#include <stdint.h>
#include <cpuid.h>
#include <immintrin.h>

#define QUAMTX_SCRIPT_MAX 64

/* Why a fill stopped before it had every word. Java mirrors these numbers. */
enum {
  QUAMTX_OK = 0,
  QUAMTX_NOT_READY = 1, /* CF=0 on every try of one word */
  QUAMTX_ZERO = 2,      /* 0 with CF=1 */
  QUAMTX_ALL_ONES = 3,  /* all-ones with CF=1 */
  QUAMTX_REPEAT = 4     /* the same word twice in a row */
};

static uint64_t script_values[QUAMTX_SCRIPT_MAX];
static unsigned char script_carry[QUAMTX_SCRIPT_MAX];
static int script_len;
static int script_pos;

/* 1 when CPUID leaf 7, sub-leaf 0, EBX bit 18 (RDSEED) is set. */
int quamtx_rdseed_cpuid(void) {
  unsigned int eax, ebx, ecx, edx;
  if (__get_cpuid_max(0, 0) < 7) {
    return 0;
  }
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  return (ebx >> 18) & 1;
}

/* Replaces the instruction by a cyclic script of (value, carry) results; n = 0 restores it. */
int quamtx_rdseed_script(const uint64_t *values, const unsigned char *carry, int n) {
  if (n < 0 || n > QUAMTX_SCRIPT_MAX) {
    return -1;
  }
  for (int i = 0; i < n; i++) {
    script_values[i] = values[i];
    script_carry[i] = carry[i];
  }
  script_pos = 0;
  script_len = n;
  return 0;
}

__attribute__((target("rdseed"))) static int one_rdseed(uint64_t *out) {
  if (script_len > 0) {
    int i = script_pos;
    script_pos = (script_pos + 1) % script_len;
    *out = script_values[i];
    return script_carry[i];
  }
  unsigned long long v;
  int ok = _rdseed64_step(&v);
  *out = v;
  return ok;
}

/*
 * Fills up to `words` 64-bit words. Each word gets at most `max_tries` instructions, with PAUSE
 * between them. `counters[0]` gains the CF=0 events, `counters[1]` the instructions executed.
 * `last` holds the previous word of this source across calls (for the repeat check).
 * Returns the words filled; `*status` says why the fill stopped early, or QUAMTX_OK.
 */
int quamtx_rdseed_fill(uint64_t *out, int words, int max_tries, uint64_t *last,
                       uint64_t *counters, int *status) {
  *status = QUAMTX_OK;
  for (int w = 0; w < words; w++) {
    uint64_t v = 0;
    int ok = 0;
    for (int t = 0; t < max_tries && !ok; t++) {
      if (t > 0) {
        _mm_pause();
      }
      ok = one_rdseed(&v);
      counters[1]++;
      if (!ok) {
        counters[0]++;
      }
    }
    if (!ok) {
      *status = QUAMTX_NOT_READY;
    } else if (v == 0) {
      *status = QUAMTX_ZERO;
    } else if (v == UINT64_MAX) {
      *status = QUAMTX_ALL_ONES;
    } else if (v == *last) {
      *status = QUAMTX_REPEAT;
    }
    if (*status != QUAMTX_OK) {
      return w;
    }
    *last = v;
    out[w] = v;
  }
  return words;
}

/*
 * The simplest possible RDSEED loop: spin on each word until the carry flag is set, no PAUSE, no
 * checks. Benchmarks use it as the raw rate that quamtx_rdseed_fill is measured against; the
 * driver never calls it, since it would hang forever on a CPU that never becomes ready.
 */
__attribute__((target("rdseed"))) void quamtx_rdseed_raw(uint64_t *out, int words) {
  for (int w = 0; w < words; w++) {
    unsigned long long v;
    while (!_rdseed64_step(&v)) {
    }
    out[w] = v;
  }
}

#ifdef QUAMTX_JNI
#include <jni.h>

/* Words per JNI fill; RdseedJni.MAX_WORDS mirrors it. 8 KiB on the stack. */
#define QUAMTX_JNI_WORDS 1024

static void wipe(void *p, size_t n) {
  volatile unsigned char *b = p;
  while (n--) {
    *b++ = 0;
  }
}

JNIEXPORT jint JNICALL Java_io_quamtx_drivers_rdseed_RdseedJni_cpuid(JNIEnv *env, jclass cls) {
  (void)env;
  (void)cls;
  return quamtx_rdseed_cpuid();
}

JNIEXPORT jint JNICALL Java_io_quamtx_drivers_rdseed_RdseedJni_script(
    JNIEnv *env, jclass cls, jlongArray values, jbyteArray carry, jint n) {
  (void)cls;
  uint64_t v[QUAMTX_SCRIPT_MAX];
  unsigned char c[QUAMTX_SCRIPT_MAX];
  if (n < 0 || n > QUAMTX_SCRIPT_MAX || (*env)->GetArrayLength(env, values) < n ||
      (*env)->GetArrayLength(env, carry) < n) {
    return -1;
  }
  (*env)->GetLongArrayRegion(env, values, 0, n, (jlong *)v);
  (*env)->GetByteArrayRegion(env, carry, 0, n, (jbyte *)c);
  return quamtx_rdseed_script(v, c, n);
}

/*
 * quamtx_rdseed_fill into out[off .. off + 8 * words), little-endian words. state[0] is the
 * previous word, state[1] and state[2] gain the CF=0 events and the instructions; status[0] gets
 * the stop reason. Only the good words are copied out; the stack copy is wiped. Returns the good
 * words, or -1 when an argument is out of range (the Java side checks first).
 */
JNIEXPORT jint JNICALL Java_io_quamtx_drivers_rdseed_RdseedJni_fill(
    JNIEnv *env, jclass cls, jbyteArray out, jint off, jint words, jint max_tries,
    jlongArray state, jintArray status) {
  (void)cls;
  uint64_t buf[QUAMTX_JNI_WORDS];
  jlong s[3];
  uint64_t counters[2] = {0, 0};
  int why = QUAMTX_OK;
  if (words < 0 || words > QUAMTX_JNI_WORDS || max_tries < 1 || off < 0 ||
      (*env)->GetArrayLength(env, out) - off < 8 * words ||
      (*env)->GetArrayLength(env, state) < 3 || (*env)->GetArrayLength(env, status) < 1) {
    return -1;
  }
  (*env)->GetLongArrayRegion(env, state, 0, 3, s);
  uint64_t last = (uint64_t)s[0];
  int got = quamtx_rdseed_fill(buf, words, max_tries, &last, counters, &why);
  (*env)->SetByteArrayRegion(env, out, off, 8 * got, (const jbyte *)buf);
  wipe(buf, sizeof(uint64_t) * (size_t)words);
  s[0] = (jlong)last;
  s[1] += (jlong)counters[0];
  s[2] += (jlong)counters[1];
  (*env)->SetLongArrayRegion(env, state, 0, 3, s);
  jint w = why;
  (*env)->SetIntArrayRegion(env, status, 0, 1, &w);
  return got;
}
#endif
