#pragma once
#include <QFutureWatcher>
#include <QWidget>
#include <filesystem>
#include <memory>

#include "widgets/retrieval/retrieval_browser_data.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace winnow::widgets {

class RetrievalFailureDetail;
class RetrievalFailureModel;
class RetrievalResultsView;

// The RoCOCO failure browser over a project's stored evaluation runs: pick a run; Results
// (table + clean-vs-attacked chart), Failures (a list filterable by attack, direction,
// failure kind and swapped word, sorted by margin; the selected failure in full beside it;
// J/K or the arrow keys move through it like the review queue), Leaderboards (swaps and
// gallery items that win top-1 most often). Runs load on a worker thread.
class RetrievalBrowser : public QWidget {
    Q_OBJECT
public:
    explicit RetrievalBrowser(QWidget* parent = nullptr);
    ~RetrievalBrowser() override;
    // Lists the project's runs and shows `runId` (0: the newest).
    void open(const std::filesystem::path& projectFile, int64_t runId = 0);
    void reload() { open(m_file, currentRun()); }
    int64_t currentRun() const;
    // True while a run is loading (tests wait on `loaded`).
    bool isLoading() const { return m_watcher.isRunning(); }
    QString errorText() const { return m_error; }
    std::shared_ptr<const RetrievalBrowserData> data() const { return m_data; }

    RetrievalFailureModel* failureModel() const { return m_model; }
    QTableView* failureView() const { return m_view; }
    RetrievalFailureDetail* detail() const { return m_detail; }
    RetrievalResultsView* results() const { return m_results; }
    QTableWidget* swapBoard() const { return m_swapBoard; }
    QTableWidget* galleryBoard() const { return m_galleryBoard; }
    QComboBox* attackFilter() const { return m_attack; }
    QComboBox* directionFilter() const { return m_direction; }
    QComboBox* kindFilter() const { return m_kind; }
    QLineEdit* wordFilter() const { return m_word; }
    QTabWidget* tabs() const { return m_tabs; }
    // Moves the failure selection by `delta` rows (J/K).
    void step(int delta);

Q_SIGNALS:
    void loaded();

private:
    void loadRun(int64_t runId);
    void onLoaded();
    void applyFilter();
    void showCurrent();
    void fillBoard(QTableWidget* table, const std::vector<core::LeaderboardEntry>& entries);

    std::filesystem::path m_file;
    QComboBox* m_runs;
    QLabel* m_status;
    QTabWidget* m_tabs;
    RetrievalResultsView* m_results;
    QComboBox* m_attack;
    QComboBox* m_direction;
    QComboBox* m_kind;
    QLineEdit* m_word;
    QLabel* m_count;
    QTableView* m_view;
    RetrievalFailureModel* m_model;
    RetrievalFailureDetail* m_detail;
    QTableWidget* m_swapBoard;
    QTableWidget* m_galleryBoard;
    QFutureWatcher<std::shared_ptr<RetrievalBrowserData>> m_watcher;
    std::shared_ptr<const RetrievalBrowserData> m_data;
    QString m_error;
    int64_t m_loadingRun = 0;
};

}  // namespace winnow::widgets
