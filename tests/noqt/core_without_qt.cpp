// Runs core end to end with no Qt in the process: create a project, write and read it back.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "core/dataset/sample_store.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;

int main() {
    fs::path dir = fs::temp_directory_path() / ("winnow-noqt-" + std::to_string(getpid()));
    fs::create_directories(dir);
    int failures = 0, passes = 0;
    auto check = [&](bool ok, const char* what) {
        std::printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
        ++(ok ? passes : failures);
    };
    {
        auto p = Project::create(dir / "t.winnow");
        SampleStore store(p->db());
        int64_t a = store.ensureClass("cat");
        int64_t b = store.ensureClass("dog");
        check(a != b && store.ensureClass("cat") == a, "classes are created once");
        check(store.classes().size() == 2 && store.classes()[1].idx == 1, "dense class indices");
    }
    {
        auto p = Project::open(dir / "t.winnow");
        check(p->schemaVersion() > 0, "reopened project has a schema");
        check(SampleStore(p->db()).classes().size() == 2, "classes persisted");
    }
    bool qtLoaded = false;
    std::ifstream maps("/proc/self/maps");
    for (std::string line; std::getline(maps, line);)
        if (line.find("libQt6") != std::string::npos) qtLoaded = true;
    // Debian's libtorch_cpu itself needs libopencv_highgui, which drags in Qt 5; that is the
    // distribution's packaging, not ours, so the check is that our Qt (Qt 6) never loads.
    // cli_links_no_qt checks that no binary of ours names a Qt library.
    check(!qtLoaded, "no Qt 6 library mapped into this process");
    fs::remove_all(dir);
    std::printf("core without Qt: %d checks passed, %d failed\n", passes, failures);
    return failures == 0 ? 0 : 1;
}
