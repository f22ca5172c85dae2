#define _GNU_SOURCE
#include "CCellPark.h"
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

/// Address ranges the handler treats as safe points. Appended to (outside the handler) under `table_lock`; the
/// handler reads `range_count` first (acquire), so it only sees complete entries.
#define CCELLPARK_MAX_RANGES 16384
static uintptr_t range_start[CCELLPARK_MAX_RANGES];
static uintptr_t range_end[CCELLPARK_MAX_RANGES];
static atomic_int range_count;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static atomic_ulong answers;
static atomic_ulong parked;
static int park_signal;

static int add_range(uintptr_t start, uintptr_t end) {
    int count = atomic_load_explicit(&range_count, memory_order_relaxed);
    if (count >= CCELLPARK_MAX_RANGES) return -1;
    range_start[count] = start;
    range_end[count] = end;
    atomic_store_explicit(&range_count, count + 1, memory_order_release);
    return 0;
}

static int is_safe_point(uintptr_t pc) {
    int count = atomic_load_explicit(&range_count, memory_order_acquire);
    for (int i = 0; i < count; i++) {
        if (pc >= range_start[i] && pc < range_end[i]) return 1;
    }
    return 0;
}

static uintptr_t program_counter(void *context) {
    ucontext_t *uc = context;
#if defined(__x86_64__)
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (uintptr_t)uc->uc_mcontext.pc;
#else
#error "ccellpark: unsupported architecture"
#endif
}

#if defined(__GLIBC__)
/// Whether the calling thread holds `stream`'s lock. Swift's `print` holds stdout's lock while it calls a
/// value's `description`, which may be cell code. glibc's stdio lock has been `{int lock; int cnt; void *owner}`,
/// the owner being the thread's `pthread_self()`, since NPTL.
static int holds_lock_of(FILE *stream) {
    struct glibc_stdio_lock {
        int lock;
        int cnt;
        void *owner;
    };
    const struct glibc_stdio_lock *lock = (const struct glibc_stdio_lock *)stream->_lock;
    return lock != NULL && lock->owner == (void *)pthread_self();
}
#else
static int holds_lock_of(FILE *stream) { (void)stream; return 1; }
#endif

/// Runs on the signalled thread. Async-signal-safe: atomics, plain reads and sigsuspend only.
static void handler(int signal, siginfo_t *info, void *context) {
    (void)signal;
    (void)info;
    uintptr_t pc = program_counter(context);
    if (is_safe_point(pc) && !holds_lock_of(stdout) && !holds_lock_of(stderr)) {
        atomic_fetch_add(&parked, 1);
        atomic_fetch_add(&answers, 1);
        // Blocks for good, every signal blocked: the frames below stay as they are (the Swift runtime keeps
        // records of the running task on this stack), and nothing this thread held is released or reused.
        sigset_t all;
        sigfillset(&all);
        for (;;) sigsuspend(&all);
    }
    atomic_fetch_add(&answers, 1);
}

/// The calls a cell sleeps in; a thread stopped inside one holds no lock of the callee's own.
static const char *const sleeping_calls[] = {"nanosleep", "clock_nanosleep", "usleep", "sleep", "__nanosleep",
                                             "__clock_nanosleep"};

static void add_sleeping_calls(void) {
    for (size_t i = 0; i < sizeof sleeping_calls / sizeof *sleeping_calls; i++) {
        void *address = dlsym(RTLD_DEFAULT, sleeping_calls[i]);
        if (address == NULL) continue;
        Dl_info info;
        const ElfW(Sym) *symbol = NULL;
        if (dladdr1(address, &info, (void **)&symbol, RTLD_DL_SYMENT) == 0 || symbol == NULL || symbol->st_size == 0)
            continue;
        uintptr_t start = (uintptr_t)info.dli_saddr;
        add_range(start, start + symbol->st_size);
    }
}

int ccellpark_install(int signal) {
    park_signal = signal;
    pthread_mutex_lock(&table_lock);
    add_sleeping_calls();
    pthread_mutex_unlock(&table_lock);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigfillset(&action.sa_mask);
    return sigaction(signal, &action, NULL);
}

struct library_search {
    uintptr_t base;
    const char *name;
    int added;
};

static int add_segments(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct library_search *search = data;
    if (info->dlpi_addr != search->base || info->dlpi_name == NULL || strcmp(info->dlpi_name, search->name) != 0)
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_LOAD || !(header->p_flags & PF_X)) continue;
        uintptr_t start = info->dlpi_addr + header->p_vaddr;
        if (add_range(start, start + header->p_memsz) != 0) return -1;
        search->added++;
    }
    return 1;
}

int ccellpark_add_library(const char *path) {
    void *handle = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (handle == NULL) return -1;
    struct link_map *map = NULL;
    int found = dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map != NULL;
    struct library_search search = {found ? map->l_addr : 0, found ? map->l_name : "", 0};
    pthread_mutex_lock(&table_lock);
    int result = found ? dl_iterate_phdr(add_segments, &search) : 0;
    pthread_mutex_unlock(&table_lock);
    dlclose(handle);
    return result == 1 ? search.added : -1;
}

int ccellpark_request(pthread_t thread) { return pthread_kill(thread, park_signal); }

unsigned long ccellpark_answers(void) { return atomic_load(&answers); }

unsigned long ccellpark_parked(void) { return atomic_load(&parked); }
