#pragma once

namespace cpphelm {

// Starts the Go runtime of the linked shim, once; cheap after the first call. Every path into the
// shim goes through GoBackend, which calls this first. Returns whether the runtime started with a
// GOGC of cpphelm's (in its own copy of the environment, for the start-up only; chs_configure
// removes it).
bool start_go_runtime();

// Unmaps the pages of the executable's read-only mappings (code, read-only data) that are still
// mapped once the Go runtime and every package initialiser have run. Most were touched only by that
// start-up (helm's packages initialise types, schemes and tables that a command never uses again);
// pages a command needs later come back from the page cache on first touch. Pages the dynamic loader
// wrote (copies private to the process) are left alone. Call after the runtime finished initialising.
void release_startup_pages();

}  // namespace cpphelm
