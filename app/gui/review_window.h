#pragma once
#include <QFutureWatcher>
#include <QMainWindow>
#include <filesystem>
#include <memory>

#include "widgets/job_runner.h"
#include "widgets/review/retrain_job.h"
#include "widgets/review/review_data.h"
#include "widgets/review/review_data_loader.h"

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;

namespace winnow::widgets {
class InfluenceDashboard;
class KeyHelpOverlay;
class JobRunner;
class RetrainJob;
class ReviewWidget;
class ScoringWatcher;
class TrustedSetManager;
}  // namespace winnow::widgets

namespace winnow::gui {

// The "Review" window: the keyboard review queue, the trusted-set manager and the influence
// dashboard over the newest scoring of a project, plus applying decisions as a new label
// version and exporting corrected labels, retraining on the cleaned labels and re-scoring
// (jobs with progress and Cancel in the window's jobs strip), and comparing runs. Scorings
// written meanwhile (the CLI, a retrain) are noticed by polling and offered for loading.
// Opened from the main window's Review menu.
class ReviewWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ReviewWindow(const std::filesystem::path& projectFile, QWidget* parent = nullptr);
    ~ReviewWindow() override;
    // Opens (or raises) the review window of a project; asks for the reviewer name once.
    static ReviewWindow* openFor(const std::filesystem::path& projectFile, QWidget* parent);
    // Reviewer from QSettings ("review/reviewer"); asks once when unset.
    static QString reviewerName(QWidget* parent);

    const std::filesystem::path& projectFile() const { return m_file; }
    widgets::ReviewWidget* review() const { return m_review; }
    widgets::InfluenceDashboard* dashboard() const { return m_dashboard; }
    // How often the window looks for new scorings (default 5 s).
    void setPollInterval(int ms);
    widgets::ScoringWatcher* scoringWatcher() const { return m_watcherNew; }
    // The newest scoring noticed but not shown yet (0 = none), and showing it.
    qint64 pendingScoring() const { return m_pendingScoring; }
    void loadPendingScoring();
    QString bannerText() const;
    // Starts a retrain-and-rescore plan without asking (the menu action asks first); when it
    // ends, a non-modal box offers the new scoring and the run comparison.
    bool startRetrain(const widgets::RetrainPlan& plan);
    widgets::RetrainJob* retrainJob() const { return m_retrain; }
    // Exports the corrected labels to `file` (the menu asks for the file first). Both this and
    // retraining read the applied labels: decisions not applied yet are announced first
    // ("N decisions not applied": Apply first / Continue without them / Cancel). The export
    // runs as a job of jobs() (progress, Cancel); true when it was started, false when the
    // user cancelled first. The banner reports the result, a box the error.
    bool exportLabelsTo(const QString& file, bool json);
    bool exportImageFolderTo(const QString& dir);
    void retrainAndRescore();
    widgets::JobRunner* jobs() const { return m_jobs; }
    // The detector switch: one entry per stored scoring (translated detector name, run,
    // scoring id; item data = scoring id). Choosing one loads it and remembers it for this
    // project (QSettings "review/scoringByProject/<path>"); the next window opens it again.
    QComboBox* detectorSwitch() const { return m_detectorSwitch; }
    void showScoring(qint64 scoringId);
    // The queue of one curation issue type of a stored result (the Issues view), highest
    // score first, reviewed with the same keys, audit trail and undo; the detector switch
    // goes back to the label scorings.
    void showCurationIssue(qint64 resultId, const QString& issueType);
    // A queue of hand-picked samples (a selection on the embedding map), in id order, each
    // shown with `reason`; reviewed with the same keys, audit trail and undo. With `keepOrder`
    // in the given order (the samples beyond an image-quality cut, worst first); with `scores`
    // (a similarity search's, one per id) highest first.
    void showSampleList(const QVector<qint64>& sampleIds, const QString& reason, bool keepOrder = false);
    void showSampleList(const QVector<qint64>& sampleIds, const QString& reason, const QVector<float>& scores);
    // The scoring remembered for a project (0 = none).
    static qint64 rememberedScoring(const std::filesystem::path& projectFile);
    // Edit ▸ Undo / Redo, named after what they take back ("Undo relabel of #24932 Bag → Trouser").
    QAction* undoAction() const { return m_undoAction; }
    QAction* redoAction() const { return m_redoAction; }
    // "?" / F1: every key of the tab shown (from the review widget's key table) and of the
    // window's menus (from their actions), over the window.
    void showKeyHelp();
    widgets::KeyHelpOverlay* keyHelpOverlay() const { return m_keyHelp; }

Q_SIGNALS:
    // Offered where there is nothing to review yet (the empty queue's buttons) instead of
    // sending the user to winnow-cli; the main window connects them to its job actions.
    void requestTraining();
    void requestNoiseInjection();
    void requestScoring();
    // Review ▸ More like this on the current sample; the main window shows its neighbours.
    void moreLikeThisRequested(qint64 sampleId);

protected:
    void closeEvent(QCloseEvent* e) override;

private:
    void load(qint64 scoringId = 0);
    void loaded();
    void applyDecisions();
    void exportLabels(bool json);
    void exportImageFolder();
    // The pending-decisions question; true to go on (after applying, if so chosen).
    bool settlePendingDecisions(const QString& title);
    bool startExportJob(const QString& title, widgets::JobFn fn, std::function<QString()> doneText);
    void onNewScoring(qint64 scoringId, qint64 runId, const QString& detector);
    void retrainFinished(bool ok, bool cancelled, qint64 runId, const QList<qint64>& scorings, const QString& error);
    void compareRuns();
    void updateUndoActions();
    void fillDetectorSwitch(const std::vector<widgets::ScoringInfo>& scorings, qint64 shown,
                            const QString& shownDetector);

    std::filesystem::path m_file;
    QTabWidget* m_tabs;
    widgets::ReviewWidget* m_review;
    widgets::TrustedSetManager* m_trusted;
    widgets::InfluenceDashboard* m_dashboard;
    QLabel* m_banner;
    widgets::ScoringWatcher* m_watcherNew;
    widgets::JobRunner* m_jobs;
    widgets::RetrainJob* m_retrain;
    QAction* m_retrainAction = nullptr;
    QAction* m_loadNewAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_trainAction = nullptr;
    QAction* m_noiseAction = nullptr;
    QAction* m_scoreAction = nullptr;
    QComboBox* m_detectorSwitch = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    widgets::KeyHelpOverlay* m_keyHelp = nullptr;
    qint64 m_latestScoring = -1;
    qint64 m_pendingScoring = 0;  // newest scoring not loaded yet
    qint64 m_shownRun = 0;
    // A load asked for while another runs: done when that one ends (the last one asked wins).
    bool m_loadAgain = false;
    qint64 m_loadAgainId = 0;
    qint64 m_curationResult = 0;  // > 0: the queue shows this result's m_curationIssue
    QString m_curationIssue;
    QVector<qint64> m_sampleList;  // non-empty: the queue shows these samples
    QString m_sampleListReason;
    bool m_sampleListOrdered = false;
    QVector<float> m_sampleListScores;  // empty, or one per m_sampleList id
    QFutureWatcher<std::shared_ptr<widgets::ReviewData>> m_watcher;
    QString m_loadError;
    std::shared_ptr<QString> m_loadErrorSlot;
};

}  // namespace winnow::gui
