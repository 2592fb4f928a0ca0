#include "widgets/train/external_run_watcher.h"

#include <set>

#include "core/store/project.h"
#include "core/train/run_rows.h"
#include "core/util/json_text.h"
#include "core/util/process_tag.h"
#include "widgets/job_runner.h"
#include "widgets/run_labels.h"

namespace winnow::widgets {

ExternalRunWatcher::ExternalRunWatcher(JobRunner* runner, QObject* parent) : QObject(parent), m_runner(runner) {
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &ExternalRunWatcher::poll);
}

ExternalRunWatcher::~ExternalRunWatcher() { endAll({}); }

void ExternalRunWatcher::setProject(const std::filesystem::path& file) {
    endAll({});
    m_file = file;
    m_signature.reset();
    if (m_file.empty()) {
        m_timer.stop();
        return;
    }
    m_timer.start();
    poll();
}

int ExternalRunWatcher::jobIdOf(qint64 runId) const {
    auto it = m_watched.find(runId);
    return it == m_watched.end() ? 0 : it->second;
}

void ExternalRunWatcher::endAll(const QString& why) {
    if (!m_runner) {
        m_watched.clear();
        return;
    }
    for (const auto& [runId, jobId] : m_watched) {
        JobResult r;
        r.id = jobId;
        r.cancelled = why.isEmpty();
        r.error = why;
        m_runner->finishTracked(r);
    }
    m_watched.clear();
}

void ExternalRunWatcher::poll() {
    if (m_file.empty() || !m_runner) return;
    std::vector<core::RunRow> runs;
    try {
        auto p = core::Project::openReadOnly(m_file);
        runs = core::listRunRows(*p);
    } catch (const std::exception&) {
        return;  // busy or unreadable just now: the next tick tries again
    }
    QString signature;
    std::set<qint64> elsewhere;
    for (const core::RunRow& run : runs) {
        signature += QStringLiteral("%1:%2:%3;").arg(run.id).arg(QString::fromStdString(run.state)).arg(run.epochsDone);
        if (!core::runsElsewhere(run)) continue;
        const QString owner = QString::fromStdString(core::describeOwner(run.owner));
        if (core::ownerState(run.owner) == core::OwnerState::Gone) {
            // Its process on this host died; the next program that opens the project for
            // writing marks the run interrupted.
            if (auto it = m_watched.find(run.id); it != m_watched.end()) {
                JobResult r;
                r.id = it->second;
                r.error = tr("%1 ended before the run finished.").arg(owner);
                m_runner->finishTracked(r);
                m_watched.erase(it);
            }
            continue;
        }
        elsewhere.insert(run.id);
        const nlohmann::json cfg = core::parseJsonOrNull(run.configJson);
        const int64_t epochs = core::jsonInt(core::jsonField(cfg, "epochs"), 0);
        int& jobId = m_watched[run.id];
        if (jobId == 0) jobId = m_runner->track(tr("Run %1 (%2)").arg(run.id).arg(owner), {});
        QString text = epochs > 0 ? tr("epoch %1/%2 done").arg(run.epochsDone).arg(epochs)
                                  : tr("%n epoch(s) done", nullptr, int(run.epochsDone));
        const nlohmann::json last = core::parseJsonOrNull(run.lastEpochJson);
        const nlohmann::json loss = core::jsonField(last, "loss_train");
        if (loss.is_number()) text += QStringLiteral(" · ") + tr("loss %1").arg(loss.get<double>(), 0, 'g', 4);
        m_runner->reportProgress(jobId, epochs > 0 ? double(run.epochsDone) / double(epochs) : 0.0, text);
    }
    // Watched runs no longer in progress elsewhere: their outcome from the row.
    for (auto it = m_watched.begin(); it != m_watched.end();) {
        if (elsewhere.count(it->first)) {
            ++it;
            continue;
        }
        JobResult r;
        r.id = it->second;
        const core::RunRow* row = nullptr;
        for (const auto& run : runs)
            if (run.id == it->first) row = &run;
        const QString state = row ? QString::fromStdString(row->state) : QString();
        r.ok = state == QLatin1String("done");
        r.cancelled = !row || state == QLatin1String("cancelled") || state == QLatin1String("running");
        if (!r.ok && !r.cancelled) {
            const QString message = QString::fromStdString(row->message);
            r.error = message.isEmpty() ? runStateLabel(state) : message;
        }
        m_runner->finishTracked(r);
        it = m_watched.erase(it);
    }
    const bool changed = m_signature && signature != *m_signature;
    m_signature = signature;
    if (changed) Q_EMIT runsChanged();
}

}  // namespace winnow::widgets
