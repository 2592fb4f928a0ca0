#pragma once
#include <cstdio>
#include <filesystem>
#include <string>

namespace winnow::core {

// Opening a FIFO for reading blocks until a writer appears, and a character device may never
// end: an importer reading a path it was given must only ever open regular files. These open
// with O_NONBLOCK (so open() itself cannot block), check the type with fstat on the open
// descriptor (no race with a rename), then switch the descriptor back to blocking reads.

// A read-only descriptor of `file` (O_CLOEXEC), or -1 with `why` set to a reason a user
// understands ("not a regular file (a FIFO)", "No such file or directory") and `err` to errno
// (0 for a wrong file type).
int openRegularFile(const std::filesystem::path& file, std::string& why, int* err = nullptr);

// The same as a stdio stream ("rb"); nullptr with `why` set.
std::FILE* fopenRegularFile(const std::filesystem::path& file, std::string& why);

// What kind of file `mode` (st_mode) is, in words: "a FIFO", "a character device", ...
std::string fileTypeName(unsigned mode);

// Throws Error "cannot read FILE: WHY" unless `file` is a regular file (follows symbolic
// links; never opens anything).
void requireRegularFile(const std::filesystem::path& file);

}  // namespace winnow::core
