#include "CSQLite.h"
#include <stdlib.h>
#ifdef __APPLE__
#include <malloc/malloc.h>
#define usable_size(pointer) malloc_size(pointer)
#else
#include <malloc.h>
#define usable_size(pointer) malloc_usable_size(pointer)
#endif

static _Thread_local sqlite3_int64 thread_allocated;
static _Thread_local sqlite3_int64 thread_ceiling;

static int exceeds_ceiling(sqlite3_int64 growth) {
    return thread_ceiling != 0 && thread_allocated + growth > thread_ceiling;
}

static void *counting_malloc(int size) {
    if (exceeds_ceiling(size)) return NULL;
    void *pointer = malloc((size_t)size);
    if (pointer) thread_allocated += (sqlite3_int64)usable_size(pointer);
    return pointer;
}

/// SQLite never passes NULL to xFree or xRealloc.
static void counting_free(void *pointer) {
    thread_allocated -= (sqlite3_int64)usable_size(pointer);
    free(pointer);
}

static void *counting_realloc(void *pointer, int size) {
    sqlite3_int64 old = (sqlite3_int64)usable_size(pointer);
    if (size > old && exceeds_ceiling(size - old)) return NULL;
    void *moved = realloc(pointer, (size_t)size);
    if (moved) thread_allocated += (sqlite3_int64)usable_size(moved) - old;
    return moved;
}

static int counting_size(void *pointer) { return (int)usable_size(pointer); }
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
