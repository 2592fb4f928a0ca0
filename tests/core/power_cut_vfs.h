#pragma once
// A SQLite VFS shim for power-loss tests. It forwards everything to the default (unix) VFS and
// remembers, per named file, what a disk would still hold after a power cut: the content as of
// the file's last xSync (for a file that existed when opened, its content then; for one never
// synced, nothing). powerCut() writes those images into another folder, where the test opens
// them as the next boot would. Writes that were only handed to the OS are lost, exactly the
// writes synchronous=NORMAL leaves unsynced at commit in WAL mode.
//
// While a PowerCutVfs object lives it is SQLite's default VFS, so code under test opens its
// files through it unchanged. One at a time; not thread-safe (the tests are single-threaded).
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>

namespace winnow::test {

class PowerCutVfs {
public:
    PowerCutVfs() {
        s_self = this;
        m_real = sqlite3_vfs_find(nullptr);
        m_vfs = *m_real;
        m_vfs.pNext = nullptr;
        m_vfs.zName = "winnow-power-cut";
        m_vfs.pAppData = nullptr;
        m_vfs.szOsFile = int(sizeof(File)) + m_real->szOsFile;
        m_vfs.xOpen = &open;
        m_vfs.xDelete = &remove;
        m_vfs.xAccess = [](sqlite3_vfs*, const char* n, int f, int* out) { return real()->xAccess(real(), n, f, out); };
        m_vfs.xFullPathname = [](sqlite3_vfs*, const char* n, int size, char* out) {
            return real()->xFullPathname(real(), n, size, out);
        };
        m_vfs.xDlOpen = [](sqlite3_vfs*, const char* n) { return real()->xDlOpen(real(), n); };
        m_vfs.xDlError = [](sqlite3_vfs*, int n, char* m) { real()->xDlError(real(), n, m); };
        m_vfs.xDlSym = [](sqlite3_vfs*, void* h, const char* s) { return real()->xDlSym(real(), h, s); };
        m_vfs.xDlClose = [](sqlite3_vfs*, void* h) { real()->xDlClose(real(), h); };
        m_vfs.xRandomness = [](sqlite3_vfs*, int n, char* out) { return real()->xRandomness(real(), n, out); };
        m_vfs.xSleep = [](sqlite3_vfs*, int us) { return real()->xSleep(real(), us); };
        m_vfs.xCurrentTime = [](sqlite3_vfs*, double* t) { return real()->xCurrentTime(real(), t); };
        m_vfs.xGetLastError = [](sqlite3_vfs*, int n, char* m) { return real()->xGetLastError(real(), n, m); };
        m_vfs.xCurrentTimeInt64 = [](sqlite3_vfs*, sqlite3_int64* t) { return real()->xCurrentTimeInt64(real(), t); };
        m_vfs.xSetSystemCall = [](sqlite3_vfs*, const char* n, sqlite3_syscall_ptr p) {
            return real()->xSetSystemCall(real(), n, p);
        };
        m_vfs.xGetSystemCall = [](sqlite3_vfs*, const char* n) { return real()->xGetSystemCall(real(), n); };
        m_vfs.xNextSystemCall = [](sqlite3_vfs*, const char* n) { return real()->xNextSystemCall(real(), n); };
        sqlite3_vfs_register(&m_vfs, 1);
    }
    ~PowerCutVfs() {
        sqlite3_vfs_unregister(&m_vfs);
        s_self = nullptr;
    }
    PowerCutVfs(const PowerCutVfs&) = delete;
    PowerCutVfs& operator=(const PowerCutVfs&) = delete;

    // How many xSync calls reached the disk so far (all files).
    int syncs() const { return m_syncs; }

    // Writes what survives a power cut now of every file opened under `from` into `to` (same
    // names); a file with nothing durable is absent there.
    void powerCut(const std::filesystem::path& from, const std::filesystem::path& to) const {
        std::filesystem::create_directories(to);
        for (const auto& [path, durable] : m_durable) {
            const std::filesystem::path p(path);
            if (!durable || p.parent_path() != from) continue;
            std::ofstream(to / p.filename(), std::ios::binary) << *durable;
        }
    }

private:
    struct File {
        sqlite3_file base;
        sqlite3_file* real;
        std::string* path;  // null for SQLite's nameless temporary files
    };

    static sqlite3_vfs* real() { return s_self->m_real; }
    static File* self(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

    static std::optional<std::string> readDisk(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        if (!in) return std::nullopt;
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }

    static int open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags) {
        File* file = self(f);
        file->real = reinterpret_cast<sqlite3_file*>(file + 1);
        file->path = nullptr;
        file->base.pMethods = nullptr;
        const int rc = real()->xOpen(real(), name, file->real, flags, outFlags);
        if (rc != SQLITE_OK) return rc;
        if (name) {
            file->path = new std::string(name);
            // A file already on disk when opened counts as durable as it is.
            if (!s_self->m_durable.count(*file->path)) s_self->m_durable[*file->path] = readDisk(*file->path);
        }
        static const sqlite3_io_methods methods = makeMethods();
        file->base.pMethods = &methods;
        return SQLITE_OK;
    }

    static int remove(sqlite3_vfs*, const char* name, int syncDir) {
        s_self->m_durable[name] = std::nullopt;
        return real()->xDelete(real(), name, syncDir);
    }

    static sqlite3_io_methods makeMethods() {
        sqlite3_io_methods m{};
        m.iVersion = 3;
        m.xClose = [](sqlite3_file* f) {
            File* file = self(f);
            const int rc = file->real->pMethods ? file->real->pMethods->xClose(file->real) : SQLITE_OK;
            delete file->path;
            file->path = nullptr;
            return rc;
        };
        m.xRead = [](sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return io(f)->xRead(self(f)->real, b, n, o); };
        m.xWrite = [](sqlite3_file* f, const void* b, int n, sqlite3_int64 o) { return io(f)->xWrite(self(f)->real, b, n, o); };
        m.xTruncate = [](sqlite3_file* f, sqlite3_int64 n) { return io(f)->xTruncate(self(f)->real, n); };
        m.xSync = [](sqlite3_file* f, int flags) {
            const int rc = io(f)->xSync(self(f)->real, flags);
            if (rc == SQLITE_OK) {
                ++s_self->m_syncs;
                if (self(f)->path) s_self->m_durable[*self(f)->path] = readDisk(*self(f)->path);
            }
            return rc;
        };
        m.xFileSize = [](sqlite3_file* f, sqlite3_int64* n) { return io(f)->xFileSize(self(f)->real, n); };
        m.xLock = [](sqlite3_file* f, int l) { return io(f)->xLock(self(f)->real, l); };
        m.xUnlock = [](sqlite3_file* f, int l) { return io(f)->xUnlock(self(f)->real, l); };
        m.xCheckReservedLock = [](sqlite3_file* f, int* out) { return io(f)->xCheckReservedLock(self(f)->real, out); };
        m.xFileControl = [](sqlite3_file* f, int op, void* arg) { return io(f)->xFileControl(self(f)->real, op, arg); };
        m.xSectorSize = [](sqlite3_file* f) { return io(f)->xSectorSize(self(f)->real); };
        m.xDeviceCharacteristics = [](sqlite3_file* f) { return io(f)->xDeviceCharacteristics(self(f)->real); };
        m.xShmMap = [](sqlite3_file* f, int pg, int sz, int extend, void volatile** p) {
            return io(f)->xShmMap(self(f)->real, pg, sz, extend, p);
        };
        m.xShmLock = [](sqlite3_file* f, int o, int n, int flags) { return io(f)->xShmLock(self(f)->real, o, n, flags); };
        m.xShmBarrier = [](sqlite3_file* f) { io(f)->xShmBarrier(self(f)->real); };
        m.xShmUnmap = [](sqlite3_file* f, int del) { return io(f)->xShmUnmap(self(f)->real, del); };
        // No memory-mapped reads: every read goes through xRead above.
        m.xFetch = [](sqlite3_file*, sqlite3_int64, int, void** p) {
            *p = nullptr;
            return SQLITE_OK;
        };
        m.xUnfetch = [](sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; };
        return m;
    }
    static const sqlite3_io_methods* io(sqlite3_file* f) { return self(f)->real->pMethods; }

    static inline PowerCutVfs* s_self = nullptr;
    sqlite3_vfs* m_real = nullptr;
    sqlite3_vfs m_vfs{};
    std::map<std::string, std::optional<std::string>> m_durable;
    int m_syncs = 0;
};

}  // namespace winnow::test
