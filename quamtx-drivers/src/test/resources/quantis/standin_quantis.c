/*
 * A stand-in for ID Quantique's libQuantis, compiled by the tests. It exports the calls the
 * quamtx driver makes, with the library's current error numbering, and a few standin_* calls
 * through which a test sets up the device it pretends to be.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define NO_DEVICE (-108)

typedef struct { int type; int number; } handle_t;

static handle_t the_handle;
static int usb_count = 1;
static int modules_mask = 0x3;
static int modules_status = 0x3;
static int fail_after = -1;     /* bytes before reads fail, or -1 */
static int fail_code = NO_DEVICE;
static int constant = -1;       /* byte value to return, or -1 for pseudo-random */
static long delivered;
static int opens;
static int closes;
static uint64_t state = 0x9e3779b97f4a7c15ULL;

void standin_setup(int count, int mask, int status, int after, int code, int value) {
  usb_count = count;
  modules_mask = mask;
  modules_status = status;
  fail_after = after;
  fail_code = code;
  constant = value;
  delivered = 0;
  opens = 0;
  closes = 0;
}

int standin_opens(void) { return opens; }
int standin_closes(void) { return closes; }

int QuantisCount(int type) { return type == 2 ? usb_count : 0; }

int QuantisGetModulesMask(int type, unsigned int number) {
  return (type == 2 && (int)number < usb_count) ? modules_mask : -102;
}

int QuantisGetModulesStatus(int type, unsigned int number) {
  return (type == 2 && (int)number < usb_count) ? modules_status : -102;
}

char *QuantisGetSerialNumber(int type, unsigned int number) {
  (void)type;
  (void)number;
  return "STANDIN-0001";
}

int QuantisOpen(int type, unsigned int number, handle_t **out) {
  if (type != 2 || (int)number >= usb_count) {
    return -102;
  }
  the_handle.type = type;
  the_handle.number = (int)number;
  *out = &the_handle;
  opens++;
  return 0;
}

void QuantisClose(handle_t *h) {
  if (h == &the_handle) {
    closes++;
  }
}

static unsigned char next_byte(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (unsigned char)(state >> 32);
}

int QuantisReadHandled(handle_t *h, void *buffer, size_t size) {
  if (h != &the_handle) {
    return -104;
  }
  if (fail_after >= 0 && delivered >= fail_after) {
    return fail_code;
  }
  if (fail_after >= 0 && delivered + (long)size > fail_after) {
    size = (size_t)(fail_after - delivered);
  }
  unsigned char *out = buffer;
  for (size_t i = 0; i < size; i++) {
    out[i] = constant >= 0 ? (unsigned char)constant : next_byte();
  }
  delivered += (long)size;
  return (int)size;
}
