#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro cast that Swift does not import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_db_config is variadic; this typed wrapper covers the on/off options (SQLITE_DBCONFIG_DEFENSIVE, ...).
static inline int csqlite_db_config_flag(sqlite3 *db, int option, int on) {
    return sqlite3_db_config(db, option, on, (int *)0);
}
