#pragma once
#include <QFutureWatcher>
#include <QWidget>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>

#include "widgets/retrieval/retrieval_browser_data.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace winnow::core {
class RetrievalTopKSource;
}

namespace winnow::widgets {

class KeyHelpOverlay;
class RetrievalComparisonView;
class RetrievalTopKView;
struct RetrievalQueryTopK;
class RetrievalFailureDetail;
class RetrievalFailureModel;
class RetrievalResultsView;

// The RoCOCO failure browser over a project's stored evaluation runs: pick a run; Results
// (table + clean-vs-attacked chart), Failures (a list filterable by attack, direction,
// failure kind and swapped word, sorted by margin; the selected failure in full beside it
// with its full top-k from the cached embeddings and the EI heat strip; keys like the review
// queue: J / L or the arrows, Enter into the top-k list, ? for help), Leaderboards (swaps and
// gallery items that win top-1 most often). A second run on the same caption set can be put
// beside it ("compare with"): results side by side with the differences, and the failure list
// filtered to queries failing in A only, B only or both. Runs and top-k lists load on worker
// threads.
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
    // (Until its result is shown: the watcher's future ends before `finished` is delivered.)
    bool isLoading() const { return m_loadBusy; }
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
    QLabel* statusLabel() const { return m_status; }
    // Moves the failure selection by `delta` rows (J / L).
    void step(int delta);

    RetrievalTopKView* topKView() const { return m_topK; }
    // True while a top-k list is being computed (tests wait on `topKReady`).
    bool isComputingTopK() const { return m_topKBusy || m_topKPending; }
    // Puts run `otherRunId` beside the shown one (0: none); loads on a worker (`compared`).
    void compareWith(int64_t otherRunId);
    bool isComparing() const { return m_comparison != nullptr; }
    bool isLoadingComparison() const { return m_compareBusy; }
    QComboBox* compareRuns() const { return m_compare; }
    QComboBox* compareFilter() const { return m_compareFilter; }
    RetrievalComparisonView* comparisonView() const { return m_comparisonView; }
    KeyHelpOverlay* keyHelpOverlay() const { return m_keyHelp; }
    // The keys of the Failures tab as the help shows them.
    struct KeyEntry {
        QString keys, what;
        std::function<bool(int key, Qt::KeyboardModifiers mods)> matches;
        std::function<void()> run;
    };
    const std::vector<KeyEntry>& keyTable() const { return m_keys; }
    void showKeyHelp();

Q_SIGNALS:
    void loaded();
    void topKReady();
    void compared();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void loadRun(int64_t runId);
    void onLoaded();
    void applyFilter();
    void sizeFailureColumns();
    void showCurrent();
    void fillBoard(QTableWidget* table, const std::vector<core::LeaderboardEntry>& entries);
    void requestTopK();
    void onTopK();
    void onCompared();
    void fillCompareRuns();
    void buildKeyTable();

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

    RetrievalTopKView* m_topK;
    using TopKResult = std::pair<std::shared_ptr<RetrievalQueryTopK>, std::shared_ptr<core::RetrievalTopKSource>>;
    QFutureWatcher<TopKResult> m_topKWatcher;
    bool m_topKPending = false;
    bool m_topKBusy = false;
    bool m_loadBusy = false;
    bool m_compareBusy = false;
    std::map<int64_t, std::shared_ptr<core::RetrievalTopKSource>> m_sources;  // per run; built on a worker

    QComboBox* m_compare;
    QComboBox* m_compareFilter;
    QLabel* m_compareStatus;
    RetrievalComparisonView* m_comparisonView;
    QFutureWatcher<std::shared_ptr<RetrievalComparisonData>> m_compareWatcher;
    std::shared_ptr<const RetrievalComparisonData> m_comparison;
    int64_t m_comparingRun = 0;
    std::vector<RetrievalRunSummary> m_runList;

    std::vector<KeyEntry> m_keys;
    KeyHelpOverlay* m_keyHelp;
};

}  // namespace winnow::widgets
