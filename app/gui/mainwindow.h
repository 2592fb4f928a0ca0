#pragma once
#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <QVector>
#include <filesystem>
#include <memory>

#include "core/dataset/sample_store.h"

class QAction;
class QCheckBox;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QTimer;
class QToolButton;

namespace winnow::widgets {
class ClassDistributionChart;
class DetailPane;
class IssuesPanel;
class JobRunner;
class JobsPanel;
class SampleGridModel;
class SampleGridView;
class ThumbnailCache;
class TrainingJob;
class ProcessRunJob;
class ExternalRunWatcher;
class TrainingPanel;
class MapPanel;
struct LoadedTable;
struct GridFacts;
struct NoiseRequest;
}  // namespace winnow::widgets

namespace winnow::core {
struct ScoreRequest;
}

namespace winnow::gui {

class ReviewWindow;

// The main window: project lifecycle (mainwindow.cpp), menus and recent files
// (mainwindow_menus.cpp), docks and the filter bar (mainwindow_docks.cpp), and the demo
// project (mainwindow_demo.cpp). Every long step runs as a job on the JobRunner.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads the project in the background; `whenShown` runs once the grid shows it.
    void openProject(const QString& file, std::function<void()> whenShown = {});
    // Opens the demo project at `file`, building it first when it does not exist.
    void openDemo(const QString& file, std::function<void()> whenShown = {});
    static QString defaultDemoPath();
    bool hasProject() const { return !m_projectFile.empty(); }
    widgets::SampleGridView* grid() const { return m_grid; }
    widgets::SampleGridModel* model() const { return m_model; }
    widgets::JobRunner* jobs() const { return m_jobs; }
    // File → Quit: closes this window and every Review window (each may ask about its
    // running jobs; one that refuses keeps everything open), then ends the event loop.
    bool quitApplication();

    // Issue 16, the loop without the CLI (Analyse menu). Each starts a job on the runner
    // and returns its id (0 when there is no project); the menu's dialogs end here.
    int injectNoise(const widgets::NoiseRequest& request);
    int scoreRun(const core::ScoreRequest& request);
    int evaluateSelfTest();
    // The Analyse menu's actions (object names actionInjectNoise, actionScoreRun,
    // actionEvaluateSelfTest), for other windows to offer: triggering one opens its dialog
    // over the main window.
    QAction* injectNoiseAction() const { return m_injectNoiseAction; }
    QAction* scoreRunAction() const { return m_scoreRunAction; }
    QAction* evaluateSelfTestAction() const { return m_evaluateAction; }

    // The sample selected in the grid (-1 when none).
    qint64 selectedSampleId() const;
    // Shared per-sample facts of the grid (file names, decisions, the sort column); null
    // until read (tests).
    std::shared_ptr<const widgets::GridFacts> gridFacts() const { return m_facts; }
    // Links a Review window's selection with the grid's, both ways, and adds the Analyse
    // actions to it (review->actions(), by object name); done for every Review window
    // opened from here.
    void linkReviewWindow(ReviewWindow* review);
    // Issue 14: the Issues dock (View ▸ Issues, Review ▸ Issues…).
    widgets::IssuesPanel* issuesPanel() const { return m_issues; }

public Q_SLOTS:
    // Selects the sample in the grid and scrolls to it; a sample hidden by the filters
    // clears them first. False when the project has no such sample.
    bool selectSample(qint64 sampleId);
    void injectNoiseInteractive();
    void scoreRunInteractive();
    void evaluateSelfTestInteractive();
    void settingsDialog();
    // Issue 14's embedding map (View ▸ Map); its selection can narrow the grid to those samples.
    void showMap();
    void showOnlySamples(const QVector<qint64>& sampleIds);
    void clearOnlySamples();
    // Shows the Issues dock with the stored nearest neighbours of a sample.
    void showMoreLikeThis(qint64 sampleId);

Q_SIGNALS:
    // The grid's current sample changed (by the user or selectSample).
    void selectedSampleChanged(qint64 sampleId);
    // A scoring job finished and stored a new scoring (Review windows may load it).
    void scoringAdded(qint64 scoringId);
    // Noise injection changed the project's labels.
    void labelsChanged();

protected:
    void closeEvent(QCloseEvent* e) override;

private:
    // mainwindow_menus.cpp
    void createMenus();
    void rebuildRecentMenu();
    void addRecent(const QString& file);
    void newProjectDialog();
    void openProjectDialog();
    void importDialog();
    void openDemoInteractive();
    void about();
    // mainwindow_docks.cpp
    void createCentral();
    void createDocks();
    void fillClassFilter();
    void applyFilters();
    // Reads the grid facts (and the sort/flag column `source`: "scoring:ID" or "loss:RUN")
    // in a job, then applies the filters again.
    void loadFacts(const QString& source);
    void fillSortSources(const QStringList& sources, const QStringList& texts);
    QString wantedFactsSource() const;
    void jumpToSample();
    // mainwindow_analysis.cpp
    void createAnalysisMenu();
    void updateActions();
    // mainwindow_issues.cpp
    void createIssuesDock();
    void showIssues();
    // Review ▸ Search by Text… (widgets/curation/text_search_dialog): results open in the Review window.
    void searchByText();
    // Duplicate groups of a stored scan reviewed a group at a time, in a window of their own.
    void openGroupReview(qint64 resultId, const QString& issueType);
    // mainwindow_training.cpp
    void createTrainingDock();
    void trainDialog();
    void resumeRun(qint64 runId);
    // mainwindow_map.cpp
    void createMapDock();
    // mainwindow.cpp
    void showLoaded(const widgets::LoadedTable& p);
    void reloadProject();
    void updateStatus();
    void reportError(const QString& title, const QString& message);

    widgets::JobRunner* m_jobs;
    widgets::SampleGridModel* m_model;
    widgets::SampleGridView* m_grid = nullptr;
    QPointer<widgets::ThumbnailCache> m_cache;  // owned (child), replaced per project
    widgets::ClassDistributionChart* m_chart = nullptr;
    widgets::DetailPane* m_detail = nullptr;
    widgets::JobsPanel* m_jobsPanel = nullptr;
    widgets::IssuesPanel* m_issues = nullptr;
    QDockWidget* m_issuesDock = nullptr;
    QComboBox* m_classFilter = nullptr;
    QComboBox* m_splitFilter = nullptr;
    QComboBox* m_statusFilter = nullptr;
    QComboBox* m_sort = nullptr;
    QComboBox* m_reviewFilter = nullptr;
    QLineEdit* m_search = nullptr;
    QLineEdit* m_jump = nullptr;
    QTimer* m_searchDelay = nullptr;
    QTimer* m_factsRefresh = nullptr;  // re-reads the facts after review decisions
    std::shared_ptr<const widgets::GridFacts> m_facts;
    QString m_factsSource;      // the column m_facts holds ("" = none)
    int m_factsGeneration = 0;  // drops a stale facts load
    bool m_factsLoading = false;
    qint64 m_pendingSelection = -1;  // selected once the filters are cleared
    QCheckBox* m_descending = nullptr;
    QLabel* m_counts = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_exportChartAction = nullptr;
    QAction* m_trainAction = nullptr;
    QAction* m_injectNoiseAction = nullptr;
    QAction* m_scoreRunAction = nullptr;
    QAction* m_evaluateAction = nullptr;
    widgets::TrainingPanel* m_trainingPanel = nullptr;
    widgets::TrainingJob* m_trainingJob = nullptr;
    widgets::ProcessRunJob* m_processRun = nullptr;  // a run of several processes (torchrun)
    bool trainingRunning() const;
    widgets::ExternalRunWatcher* m_runWatcher = nullptr;  // runs other programs train here
    widgets::MapPanel* m_map = nullptr;
    QDockWidget* m_mapDock = nullptr;
    std::shared_ptr<const std::vector<int64_t>> m_onlyIds;  // the grid shows only these (map selection)
    QToolButton* m_onlyIdsButton = nullptr;
    std::filesystem::path m_projectFile;
    qint64 m_unreadable = 0;
    bool m_complete = false;
    int m_loadGeneration = 0;
};

}  // namespace winnow::gui
