#pragma once
#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <filesystem>
#include <memory>

#include "core/dataset/sample_store.h"

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QMenu;

namespace winnow::widgets {
class ClassDistributionChart;
class DetailPane;
class JobRunner;
class JobsPanel;
class SampleGridModel;
class SampleGridView;
class ThumbnailCache;
class TrainingJob;
class TrainingPanel;
struct LoadedTable;
}  // namespace winnow::widgets

namespace winnow::gui {

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
    // mainwindow_training.cpp
    void createTrainingDock();
    void trainDialog();
    void resumeRun(qint64 runId);
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
    QComboBox* m_classFilter = nullptr;
    QComboBox* m_splitFilter = nullptr;
    QComboBox* m_statusFilter = nullptr;
    QComboBox* m_sort = nullptr;
    QCheckBox* m_descending = nullptr;
    QLabel* m_counts = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_exportChartAction = nullptr;
    QAction* m_trainAction = nullptr;
    widgets::TrainingPanel* m_trainingPanel = nullptr;
    widgets::TrainingJob* m_trainingJob = nullptr;
    std::filesystem::path m_projectFile;
    qint64 m_unreadable = 0;
    bool m_complete = false;
    int m_loadGeneration = 0;
};

}  // namespace winnow::gui
