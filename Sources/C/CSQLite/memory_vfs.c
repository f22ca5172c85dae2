#include "CSQLite.h"
#include <string.h>

// A VFS that opens no file: every named file is refused, and the anonymous temporary files SQLite asks for
// (sorter runs, temporary databases, statement journals) are byte buffers from sqlite3_realloc64, so they count
// toward the thread's allocations like the rest of SQLite's memory.

typedef struct {
    sqlite3_file base;
    unsigned char *bytes;
    sqlite3_int64 size;
    sqlite3_int64 capacity;
} MemoryFile;

static int file_close(sqlite3_file *file) {
    sqlite3_free(((MemoryFile *)file)->bytes);
    return SQLITE_OK;
}

static int file_read(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset) {
    MemoryFile *memory = (MemoryFile *)file;
    sqlite3_int64 available = offset < memory->size ? memory->size - offset : 0;
    sqlite3_int64 copied = available < amount ? available : amount;
    if (copied > 0) memcpy(buffer, memory->bytes + offset, (size_t)copied);
    if (copied == amount) return SQLITE_OK;
    memset((unsigned char *)buffer + copied, 0, (size_t)(amount - copied));
    return SQLITE_IOERR_SHORT_READ;
}

static int file_write(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset) {
    MemoryFile *memory = (MemoryFile *)file;
    sqlite3_int64 end = offset + amount;
    if (end > memory->capacity) {
        sqlite3_int64 capacity = memory->capacity * 2 > end ? memory->capacity * 2 : end;
        unsigned char *grown = sqlite3_realloc64(memory->bytes, (sqlite3_uint64)capacity);
        if (!grown) return SQLITE_IOERR_NOMEM;
        memory->bytes = grown;
        memory->capacity = capacity;
    }
    if (offset > memory->size) memset(memory->bytes + memory->size, 0, (size_t)(offset - memory->size));
    memcpy(memory->bytes + offset, buffer, (size_t)amount);
    if (end > memory->size) memory->size = end;
    return SQLITE_OK;
}

static int file_truncate(sqlite3_file *file, sqlite3_int64 size) {
    MemoryFile *memory = (MemoryFile *)file;
    if (size < memory->size) memory->size = size;
    return SQLITE_OK;
}

static int file_sync(sqlite3_file *file, int flags) { (void)file; (void)flags; return SQLITE_OK; }

static int file_size(sqlite3_file *file, sqlite3_int64 *size) {
    *size = ((MemoryFile *)file)->size;
    return SQLITE_OK;
}

static int file_lock(sqlite3_file *file, int level) { (void)file; (void)level; return SQLITE_OK; }

static int file_check_reserved_lock(sqlite3_file *file, int *reserved) {
    (void)file;
    *reserved = 0;
    return SQLITE_OK;
}

static int file_control(sqlite3_file *file, int operation, void *argument) {
    (void)file; (void)operation; (void)argument;
    return SQLITE_NOTFOUND;
}

static int file_sector_size(sqlite3_file *file) { (void)file; return 4096; }

static int file_device_characteristics(sqlite3_file *file) { (void)file; return 0; }

static const sqlite3_io_methods memory_file_methods = {
    1, file_close, file_read, file_write, file_truncate, file_sync, file_size, file_lock, file_lock,
    file_check_reserved_lock, file_control, file_sector_size, file_device_characteristics,
};

static int vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *outFlags) {
    (void)vfs;
    file->pMethods = NULL;
    if (name) return SQLITE_CANTOPEN;
    MemoryFile *memory = (MemoryFile *)file;
    memory->bytes = NULL;
    memory->size = 0;
    memory->capacity = 0;
    file->pMethods = &memory_file_methods;
    if (outFlags) *outFlags = flags;
    return SQLITE_OK;
}

static int vfs_delete(sqlite3_vfs *vfs, const char *name, int syncDirectory) {
    (void)vfs; (void)name; (void)syncDirectory;
    return SQLITE_IOERR_DELETE;
}

static int vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    (void)vfs; (void)name; (void)flags;
    *result = 0;
    return SQLITE_OK;
}

static int vfs_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
    (void)vfs;
    sqlite3_snprintf(size, out, "%s", name);
    return SQLITE_OK;
}

static void *vfs_dlopen(sqlite3_vfs *vfs, const char *path) { (void)vfs; (void)path; return NULL; }

static void vfs_dlerror(sqlite3_vfs *vfs, int size, char *out) {
    (void)vfs;
    sqlite3_snprintf(size, out, "this connection loads no libraries");
}

static void (*vfs_dlsym(sqlite3_vfs *vfs, void *library, const char *symbol))(void) {
    (void)vfs; (void)library; (void)symbol;
    return NULL;
}

static void vfs_dlclose(sqlite3_vfs *vfs, void *library) { (void)vfs; (void)library; }

static sqlite3_vfs *system_vfs(sqlite3_vfs *vfs) { return (sqlite3_vfs *)vfs->pAppData; }

static int vfs_randomness(sqlite3_vfs *vfs, int size, char *out) {
    return system_vfs(vfs)->xRandomness(system_vfs(vfs), size, out);
}

static int vfs_sleep(sqlite3_vfs *vfs, int microseconds) {
    return system_vfs(vfs)->xSleep(system_vfs(vfs), microseconds);
}

static int vfs_current_time(sqlite3_vfs *vfs, double *now) {
    return system_vfs(vfs)->xCurrentTime(system_vfs(vfs), now);
}

static int vfs_get_last_error(sqlite3_vfs *vfs, int size, char *out) {
    (void)vfs; (void)size; (void)out;
    return 0;
}

static int vfs_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *now) {
    return system_vfs(vfs)->xCurrentTimeInt64(system_vfs(vfs), now);
}

int csqlite_register_memory_vfs(void) {
    static sqlite3_vfs vfs;
    sqlite3_vfs *system = sqlite3_vfs_find(NULL);
    if (!system || system->iVersion < 2) return SQLITE_ERROR;
    vfs = (sqlite3_vfs){
        2, (int)sizeof(MemoryFile), 512, NULL, CSQLITE_MEMORY_VFS_NAME, system,
        vfs_open, vfs_delete, vfs_access, vfs_full_pathname, vfs_dlopen, vfs_dlerror, vfs_dlsym, vfs_dlclose,
        vfs_randomness, vfs_sleep, vfs_current_time, vfs_get_last_error, vfs_current_time_int64,
    };
    return sqlite3_vfs_register(&vfs, 0);
}
