// Writes the seed corpus of fuzz_project: an empty project of every schema version this build
// knows (v1 = the first release's schema ... vN = current), a current project holding an
// import (classes, samples, an import with issues), and a plain SQLite file that is not a
// project. Small pages keep the files small. Usage: fuzz_make_project_seeds OUTPUT_FOLDER
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/dataset/importer.h"
#include "core/store/database.h"
#include "core/store/migrations.h"
#include "core/store/project.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

void compact(const fs::path& file) {
    core::Database db(file, core::Database::Mode::ReadWrite);
    db.exec("PRAGMA journal_mode=DELETE");
    db.exec("PRAGMA page_size=512");
    db.exec("VACUUM");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_FOLDER\n", argv[0]);
        return 2;
    }
    const fs::path out = argv[1];
    fs::create_directories(out);
    for (const auto& m : core::migrations()) {
        const fs::path file = out / ("schema_v" + std::to_string(m.version) + ".winnow");
        fs::remove(file);
        {
            core::Database db(file, core::Database::Mode::ReadWriteCreate);
            db.exec("PRAGMA page_size=512");
            db.exec("PRAGMA application_id=1466527309");
            for (const auto& step : core::migrations()) {
                if (step.version > m.version) break;
                db.exec(step.sql);
                db.exec("PRAGMA user_version=" + std::to_string(step.version));
            }
        }
        compact(file);
    }
    {
        fuzz::InputDir dir;
        fuzz::writeSmallPng(dir / "a.png");
        fuzz::writeFile(dir / "m.csv", std::string_view("a.png,cat\nmissing.png,dog\nb.txt,x\n"));
        const fs::path file = out / "with_import.winnow";
        fs::remove(file);
        {
            auto p = core::Project::create(dir / "p.winnow");
            core::ImportOptions o;
            o.format = "csv";
            o.source = dir / "m.csv";
            core::importDataset(*p, o);
        }
        fs::copy_file(dir / "p.winnow", file);
        compact(file);
    }
    {
        const fs::path file = out / "other_sqlite.db";
        fs::remove(file);
        {
            core::Database db(file, core::Database::Mode::ReadWriteCreate);
            db.exec("PRAGMA page_size=512; CREATE TABLE t(a); INSERT INTO t VALUES (1)");
        }
    }
    std::printf("seeds written to %s\n", out.c_str());
    return 0;
}
