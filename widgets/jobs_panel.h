#pragma once
#include <QElapsedTimer>
#include <QWidget>
#include <functional>
#include <map>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace winnow::widgets {

class JobRunner;
struct JobResult;

// Lists the runner's jobs: progress bar, message, ETA and Cancel while running; the outcome
// (done, cancelled, or the error message) once finished, until "Clear finished". A job with
// phases (JobRunner's PhaseFn) shows the phase it is in, and its bar and ETA are that
// phase's own. Cancelling a job that has run for a while asks first.
class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(JobRunner* runner, QWidget* parent = nullptr);
    int rowCount() const { return int(m_rows.size()); }
    QSize sizeHint() const override { return QSize(320, 64); }
    // Text shown for a job's status line and title (tests).
    QString statusText(int jobId) const;
    QString titleText(int jobId) const;
    // The phase a job is in (empty when it has none).
    QString phaseText(int jobId) const;
    int progressValue(int jobId) const;  // bar value, 0..1000
    // Another project is being opened: finished rows (of the old one) are cleared, and jobs
    // still running keep running but are labelled with the project they belong to.
    void projectChanged(const QString& previousProjectName);
    // Removes the rows of finished jobs (the "Clear finished" button).
    void clearFinished();
    // Asks the runner to cancel the job, after a confirmation when it has run for longer
    // than confirmCancelAfterMs. `confirm` (tests) replaces the question box; it gets the
    // job's title and returns whether to cancel.
    void requestCancel(int jobId);
    void setConfirmCancelAfterMs(qint64 ms) { m_confirmAfterMs = ms; }
    void setCancelConfirmation(std::function<bool(const QString& title)> confirm) {
        m_confirm = std::move(confirm);
    }

    // Hidden while it lists no job, shown when one starts (a strip under a window's tabs
    // took ~100 px to say "No jobs."); off by default (the main window's dock keeps it).
    void setHiddenWhenEmpty(bool hidden);

    // "3 min 20 s" style text for an estimate in seconds.
    static QString formatEta(double seconds);

private:
    struct Row {
        QWidget* box = nullptr;
        QLabel* title = nullptr;
        QProgressBar* bar = nullptr;
        QLabel* status = nullptr;
        QPushButton* cancel = nullptr;
        QElapsedTimer clock;       // since the job started
        QElapsedTimer phaseClock;  // since the current phase started
        QString phase;
        bool finished = false;
    };
    void onStarted(int id, const QString& title);
    void onProgress(int id, double fraction, const QString& message);
    void onPhase(int id, const QString& phase);
    void onFinished(const JobResult& r);
    void updateVisibility();

    JobRunner* m_runner;
    QVBoxLayout* m_list;
    QLabel* m_empty;
    std::map<int, Row> m_rows;
    qint64 m_confirmAfterMs = 15000;
    bool m_hiddenWhenEmpty = false;
    std::function<bool(const QString&)> m_confirm;
};

}  // namespace winnow::widgets
