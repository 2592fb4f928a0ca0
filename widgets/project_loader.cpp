#include "widgets/project_loader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMetaObject>

#include "core/store/database.h"
#include "core/store/project.h"
#include "widgets/job_runner.h"

namespace winnow::widgets {

int startProjectLoad(JobRunner& runner, const std::filesystem::path& file,
                     std::function<void(const LoadedTable&)> onPreview,
                     std::function<void(const LoadedTable&)> onLoaded,
                     std::function<void(const JobResult&)> onFailed, int previewRows) {
    auto full = std::make_shared<LoadedTable>();
    full->file = file;
    JobRunner* runnerPtr = &runner;
    return runner.start(
        JobRunner::tr("Open %1").arg(QFileInfo(QString::fromStdString(file.string())).fileName()),
        [file, full, previewRows, runnerPtr, onPreview](const core::ProgressFn& progress,
                                                        const core::CancelToken& cancel) {
            progress({0.0, "reading samples"});
            // This worker's own connection; open() also migrates an older project.
            auto project = core::Project::open(file);
            core::SampleStore store(project->db());
            QStringList names;
            for (const auto& c : store.classes()) names << QString::fromStdString(c.name);
            if (onPreview && previewRows > 0) {
                auto preview = std::make_shared<LoadedTable>();
                preview->file = file;
                preview->classNames = names;
                preview->table =
                    std::make_shared<core::SampleTable>(store.loadTable(previewRows));
                QMetaObject::invokeMethod(runnerPtr, [preview, onPreview] { onPreview(*preview); },
                                          Qt::QueuedConnection);
            }
            cancel.throwIfCancelled();
            auto table = std::make_shared<core::SampleTable>(store.loadTable());
            for (int8_t s : table->status) full->unreadable += s != 0;
            full->classNames = names;
            full->table = std::move(table);
            full->complete = true;
            progress({1.0, "done"});
        },
        [full, onLoaded, onFailed](const JobResult& r) {
            if (r.ok) {
                if (onLoaded) onLoaded(*full);
            } else if (onFailed) {
                onFailed(r);
            }
        });
}

}  // namespace winnow::widgets
