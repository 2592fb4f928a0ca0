#pragma once
#include <QObject>
#include <QString>
#include <filesystem>

class QTimer;

namespace winnow::widgets {

// Notices scorings written by another process (winnow-cli score, a retrain job) while a
// project is open: polls the scorings table every interval and reports each newer one once.
// The poll is one short read on its own read-only connection, so it never blocks a writer
// (WAL) and a busy or moved project only skips a tick.
class ScoringWatcher : public QObject {
    Q_OBJECT
public:
    explicit ScoringWatcher(QObject* parent = nullptr);

    // Starts watching; scorings up to `knownNewest` count as already seen.
    void watch(const std::filesystem::path& projectFile, qint64 knownNewest);
    void stop();
    void setInterval(int ms);
    int interval() const;
    qint64 newestSeen() const { return m_newest; }
    // One poll now (what a tick does); true when a newer scoring was reported.
    bool poll();

Q_SIGNALS:
    void newScoring(qint64 scoringId, qint64 runId, const QString& detector);

private:
    std::filesystem::path m_file;
    QTimer* m_timer;
    qint64 m_newest = 0;
};

}  // namespace winnow::widgets
