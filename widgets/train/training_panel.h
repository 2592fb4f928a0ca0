#pragma once
#include <QStringList>
#include <QWidget>
#include <filesystem>

class QComboBox;
class QLabel;
class QSpinBox;
class QToolButton;

namespace winnow::widgets {

class PerClassAccuracyChart;
class TrainingCurvesWidget;

// The "Training" dock: a run selector over the project's runs table, the loss/accuracy
// curves and the per-class accuracy chart of one epoch. A finished run loads from
// run_epochs; a running one is fed live (addLiveEpoch) from the training job.
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);

    // Tall enough for readable curves when the dock first opens.
    QSize sizeHint() const override { return QSize(900, 330); }

    void setProject(const std::filesystem::path& file);  // empty: no project
    void refreshRuns();
    // Reloads the shown stored run's epochs (a run another program is training grows).
    void refreshShownRun();
    // Shows a stored run (its epochs from run_epochs); false when it has none or is unknown.
    bool showRun(qint64 runId);
    // A training job started: the selector gets a "(running)" entry that shows its rows as
    // they arrive (addLiveEpoch); the user may look at other runs meanwhile. endLive drops
    // the entry and shows the stored run. Resuming a run (resumedRun > 0) starts from its
    // stored epochs; a live row replaces a stored row of the same epoch.
    // A job of a project that is no longer shown (setProject since) is not followed: its
    // rows and its end leave this panel alone.
    void beginLive(const QString& title, qint64 resumedRun = 0);
    void addLiveEpoch(const QString& metricsJson);
    void endLive(qint64 runId);
    bool isLive() const { return m_live; }

    QList<qint64> runIds() const;
    qint64 shownRun() const { return m_shownRun; }
    QStringList rows() const { return m_rows; }
    // Enabled when the shown run stopped before its last epoch (interrupted by a dead process,
    // cancelled or failed) and no job is running; a click emits resumeRequested.
    QToolButton* resumeButton() const { return m_resume; }
    TrainingCurvesWidget* curves() const { return m_curves; }
    PerClassAccuracyChart* perClass() const { return m_perClass; }

Q_SIGNALS:
    void resumeRequested(qint64 runId);

private:
    void onRunChosen(int index);
    void updateResume(const QString& state);
    void showEpoch(int epochIndex);
    void showLive();
    void setShownRows(const QStringList& rows);
    void loadClassNames();

    std::filesystem::path m_file;
    QComboBox* m_runs;
    QSpinBox* m_epoch;
    QLabel* m_summary;
    QToolButton* m_resume;
    TrainingCurvesWidget* m_curves;
    PerClassAccuracyChart* m_perClass;
    QStringList m_rows;      // rows shown now
    QStringList m_liveRows;  // rows of the running job
    QString m_liveTitle;
    bool m_showingLive = false;
    QStringList m_classNames;
    qint64 m_shownRun = 0;
    bool m_live = false;
};

}  // namespace winnow::widgets
