#ifndef CSQLITE_H
#define CSQLITE_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro cast that Swift does not import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_db_config is variadic; this typed wrapper covers the on/off options (SQLITE_DBCONFIG_DEFENSIVE, ...).
static inline int csqlite_db_config_flag(sqlite3 *db, int option, int on) {
    return sqlite3_db_config(db, option, on, (int *)0);
}

/// Makes SQLite allocate through malloc while counting, per thread, the bytes it holds, and turns off SQLite's
/// process-wide memory statistics (whose one mutex every allocation of every thread takes). Must run before SQLite
/// is initialized; returns SQLITE_MISUSE when it is too late.
int csqlite_use_thread_counting_allocator(void);

/// Bytes SQLite allocated on the calling thread and has not freed (frees on this thread of memory allocated
/// elsewhere count too, so the value may drift; differences over one operation are what it is for).
sqlite3_int64 csqlite_thread_allocated(void);

/// Makes SQLite allocations on the calling thread fail (SQLITE_NOMEM) once `csqlite_thread_allocated()` would
/// pass `ceiling` (INT64_MAX, the initial ceiling, lets everything through). Returns the previous ceiling.
sqlite3_int64 csqlite_set_thread_ceiling(sqlite3_int64 ceiling);

/// The name under which `csqlite_register_memory_vfs` registers its VFS.
#define CSQLITE_MEMORY_VFS_NAME "memory-only"

/// Registers (not as the default) a VFS that opens no file: named files are refused with SQLITE_CANTOPEN, loading
/// libraries fails, and anonymous temporary files are buffers in memory allocated through sqlite3_realloc64.
int csqlite_register_memory_vfs(void);
#endif
