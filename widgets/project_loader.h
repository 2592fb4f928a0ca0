#pragma once
#include <QStringList>
#include <filesystem>
#include <functional>
#include <memory>

#include "core/dataset/sample_store.h"

namespace winnow::widgets {

class JobRunner;
struct JobResult;

// A project's sample table as the GUI holds it.
struct LoadedTable {
    std::filesystem::path file;
    std::shared_ptr<const core::SampleTable> table;
    QStringList classNames;
    qint64 unreadable = 0;
    bool complete = false;  // false for the first-screen preview
};

// Loads a project on a worker in two steps so the grid shows something at once: a preview
// of the first `previewRows` samples (one indexed LIMIT query, milliseconds), then the whole
// table (about 1.5 s per million samples). Both callbacks run on the runner's thread, the
// preview always before the full table. Returns the job id.
int startProjectLoad(JobRunner& runner, const std::filesystem::path& file,
                     std::function<void(const LoadedTable&)> onPreview,
                     std::function<void(const LoadedTable&)> onLoaded,
                     std::function<void(const JobResult&)> onFailed, int previewRows = 3000);

}  // namespace winnow::widgets
