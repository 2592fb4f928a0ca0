#include "widgets/review/scoring_watcher.h"

#include <QTimer>

#include "widgets/review/review_data_loader.h"

namespace winnow::widgets {

ScoringWatcher::ScoringWatcher(QObject* parent) : QObject(parent), m_timer(new QTimer(this)) {
    m_timer->setInterval(5000);
    connect(m_timer, &QTimer::timeout, this, &ScoringWatcher::poll);
}

void ScoringWatcher::watch(const std::filesystem::path& projectFile, qint64 knownNewest) {
    m_file = projectFile;
    m_newest = knownNewest;
    m_timer->start();
}

void ScoringWatcher::stop() { m_timer->stop(); }

void ScoringWatcher::setInterval(int ms) { m_timer->setInterval(std::max(10, ms)); }

int ScoringWatcher::interval() const { return m_timer->interval(); }

bool ScoringWatcher::poll() {
    if (m_file.empty()) return false;
    try {
        const auto s = listScorings(m_file);  // newest first
        if (s.empty() || s.front().id <= m_newest) return false;
        m_newest = s.front().id;
        Q_EMIT newScoring(s.front().id, s.front().runId, s.front().detector);
        return true;
    } catch (const std::exception&) {
        return false;  // busy or moved: the next tick tries again
    }
}

}  // namespace winnow::widgets
