#pragma once
#include <QElapsedTimer>
#include <QWidget>
#include <map>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace winnow::widgets {

class JobRunner;
struct JobResult;

// Lists the runner's jobs: progress bar, message, ETA and Cancel while running; the outcome
// (done, cancelled, or the error message) once finished, until cleared.
class JobsPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobsPanel(JobRunner* runner, QWidget* parent = nullptr);
    int rowCount() const { return int(m_rows.size()); }
    QSize sizeHint() const override { return QSize(320, 64); }
    // Text shown for a job's status line and title (tests).
    QString statusText(int jobId) const;
    QString titleText(int jobId) const;
    // Another project is being opened: finished rows (of the old one) are cleared, and jobs
    // still running keep running but are labelled with the project they belong to.
    void projectChanged(const QString& previousProjectName);

    // "3 min 20 s" style text for an estimate in seconds.
    static QString formatEta(double seconds);

private:
    struct Row {
        QWidget* box = nullptr;
        QLabel* title = nullptr;
        QProgressBar* bar = nullptr;
        QLabel* status = nullptr;
        QPushButton* cancel = nullptr;
        QElapsedTimer clock;
        bool finished = false;
    };
    void onStarted(int id, const QString& title);
    void onProgress(int id, double fraction, const QString& message);
    void onFinished(const JobResult& r);
    void clearFinished();
    void removeRow(int id);

    JobRunner* m_runner;
    QVBoxLayout* m_list;
    QLabel* m_empty;
    std::map<int, Row> m_rows;
};

}  // namespace winnow::widgets
