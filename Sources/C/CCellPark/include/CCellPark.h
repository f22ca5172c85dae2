#ifndef CCELLPARK_H
#define CCELLPARK_H
#include <pthread.h>
#include <stdint.h>

/// Parking a thread that runs a cell: a signal handler that blocks the thread for good, without unwinding it,
/// when the signal found it at a safe point: in cell code (recorded per loaded library) or in one of libc's
/// sleeping calls. Anywhere else (malloc, the Swift runtime, Foundation) the thread may hold a lock that other
/// threads need, so the handler returns and the caller tries again a little later.

/// Installs the handler for `signal` and records where libc's sleeping calls are. Returns 0, or -1 with errno.
int ccellpark_install(int signal);

/// Records the executable segments of the loaded library `path` (as given to dlopen) as cell code.
/// Returns the number of segments recorded, or -1 when the library is not loaded or the table is full.
int ccellpark_add_library(const char *path);

/// Starts a park attempt: signals `thread`. Returns 0, or an errno value from pthread_kill.
int ccellpark_request(pthread_t thread);

/// How many times the handler has run, parked or not: an attempt was answered once this grows.
unsigned long ccellpark_answers(void);

/// How many threads the handler has parked so far in this process.
unsigned long ccellpark_parked(void);

#endif
