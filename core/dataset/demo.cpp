#include "core/dataset/demo.h"

#include <cstdlib>

#include "core/dataset/project_creation.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

fs::path fashionMnistDir() {
    // Overridable so tests and packagers can point at another copy.
    if (const char* env = std::getenv("WINNOW_FASHION_MNIST_DIR"); env && *env) return env;
    return "/usr/share/datasets/fashion-mnist";
}

bool fashionMnistAvailable() {
    std::error_code ec;
    fs::path d = fashionMnistDir();
    return fs::exists(d / "train-images-idx3-ubyte.gz", ec) &&
           fs::exists(d / "train-labels-idx1-ubyte.gz", ec) &&
           fs::exists(d / "t10k-images-idx3-ubyte.gz", ec) &&
           fs::exists(d / "t10k-labels-idx1-ubyte.gz", ec);
}

ImportReport buildFashionMnistDemo(const fs::path& projectFile, const ProgressFn& progress,
                                   const CancelToken* cancel) {
    if (!fashionMnistAvailable())
        throw Error("Fashion-MNIST is not installed (looked in " + fashionMnistDir().string() +
                    "). Install it with: sudo apt-get install dataset-fashion-mnist");
    ProjectCreation creation(projectFile);  // removes only what this build creates
    auto removeProject = [&] { creation.undo(); };
    ImportReport report;
    {
        auto project = Project::create(projectFile);
        project->setMeta("demo", "fashion-mnist");
        ImportOptions o;
        o.format = "idx";
        o.source = fashionMnistDir();
        try {
            report = importDataset(*project, o, progress, cancel);
        } catch (...) {
            project.reset();
            removeProject();
            throw;
        }
    }
    // A half-built demo is of no use: a cancelled build leaves no file behind.
    if (report.cancelled) removeProject();
    return report;
}

}  // namespace winnow::core
