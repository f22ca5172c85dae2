#include "CSQLite.h"
#include <stdint.h>
#include <stdlib.h>

// SQLite's allocations go through malloc with an 8-byte header holding their size (as SQLite's own default
// allocator does), so each thread can count what SQLite holds without asking malloc and without a shared counter.

static _Thread_local sqlite3_int64 thread_allocated;
static _Thread_local sqlite3_int64 thread_ceiling = INT64_MAX;

static int exceeds_ceiling(sqlite3_int64 growth) { return thread_allocated + growth > thread_ceiling; }

static sqlite3_int64 *header(void *pointer) { return (sqlite3_int64 *)pointer - 1; }

static void *counting_malloc(int size) {
    if (exceeds_ceiling(size)) return NULL;
    sqlite3_int64 *block = malloc(sizeof(sqlite3_int64) + (size_t)size);
    if (!block) return NULL;
    *block = size;
    thread_allocated += size;
    return block + 1;
}

/// SQLite never passes NULL to xFree or xRealloc.
static void counting_free(void *pointer) {
    sqlite3_int64 *block = header(pointer);
    thread_allocated -= *block;
    free(block);
}

static void *counting_realloc(void *pointer, int size) {
    sqlite3_int64 *block = header(pointer);
    sqlite3_int64 old = *block;
    if (size > old && exceeds_ceiling(size - old)) return NULL;
    block = realloc(block, sizeof(sqlite3_int64) + (size_t)size);
    if (!block) return NULL;
    *block = size;
    thread_allocated += size - old;
    return block + 1;
}

static int counting_size(void *pointer) { return (int)*header(pointer); }
static int counting_roundup(int size) { return (size + 7) & ~7; }
static int counting_init(void *unused) { (void)unused; return SQLITE_OK; }
static void counting_shutdown(void *unused) { (void)unused; }

int csqlite_use_thread_counting_allocator(void) {
    sqlite3_mem_methods methods = {
        counting_malloc, counting_free, counting_realloc, counting_size, counting_roundup,
        counting_init, counting_shutdown, NULL,
    };
    int code = sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
    if (code == SQLITE_OK) code = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return code;
}

sqlite3_int64 csqlite_thread_allocated(void) { return thread_allocated; }

sqlite3_int64 csqlite_set_thread_ceiling(sqlite3_int64 ceiling) {
    sqlite3_int64 previous = thread_ceiling;
    thread_ceiling = ceiling;
    return previous;
}
