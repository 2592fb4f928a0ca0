#pragma once
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>
#include <filesystem>
#include <memory>

#include "core/review/decision.h"
#include "widgets/review/review_data.h"
#include "widgets/review/review_queue_model.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListView;
class QTimer;

namespace winnow::core {
class Project;
class ReviewLog;
}  // namespace winnow::core

namespace winnow::widgets {

class ClassPalette;
class ClipFrameLoader;
class ReviewPanel;
class ThumbnailCache;

// The annotator's workstation: the flagged queue, the detail panel and the class palette,
// driven from the keyboard. Every decision goes through core::ReviewLog::record, which has
// committed it (synchronous=FULL) by the time it returns; only then does the UI advance.
// Keys: 1–9/0 relabel (≤ 10 classes), "/" class search, Enter accept suggestion, K keep,
// X exclude, A ambiguous, T trust/untrust, Z / Shift+Z undo/redo, ←/→ or J/L move.
// With several tiles selected an action applies to each of them (one commit each); undo and
// redo take such a batch back (or again) as one step.
// Video clips: the tiles scrub through the sampled frames on hover, the panel shows the
// frame strip and a player; the player, once clicked, takes only Space (play/pause) and
// "," / "." (frame step) and passes every other key on, so the keys above keep working.
class ReviewWidget : public QWidget {
    Q_OBJECT
public:
    explicit ReviewWidget(QWidget* parent = nullptr);
    ~ReviewWidget() override;

    // Opens the project read-write for the review log, loads existing decisions and returns
    // to the stored queue position. Throws core::Error when the project cannot be opened.
    void open(const std::filesystem::path& projectFile, std::shared_ptr<const ReviewData> data,
              const QString& reviewer);
    void setReviewer(const QString& reviewer) { m_reviewer = reviewer; }
    QString reviewer() const { return m_reviewer; }

    ReviewQueueModel* model() const { return m_model; }
    QListView* queueView() const { return m_view; }
    ReviewPanel* panel() const { return m_panel; }
    ClassPalette* palette() const { return m_palette; }
    ClipFrameLoader* clipFrames() const { return m_clipFrames; }
    core::Project* project() const { return m_project.get(); }
    int currentRow() const;
    qint64 currentSampleId() const;
    QString progressText() const;
    QString lastError() const { return m_lastError; }

    // Intents (what the keys do), public for menus, tests and the self-test driver.
    bool decide(core::ReviewAction action, int newLabel = -1);
    bool acceptSuggestion();
    bool toggleTrusted();
    bool undo();
    bool redo();
    void moveBy(int delta);
    void setCurrentRow(int row);
    // Shows only these samples in the queue (a dashboard selection); empty set clears.
    void showOnly(const QSet<qint64>& sampleIds);
    void savePosition();
    // Meta key that stores the queue position (sample id) in the project.
    static constexpr const char* kPositionKey = "review.position";

Q_SIGNALS:
    void decisionRecorded(qint64 sampleId);
    void trustedChanged();
    void currentSampleChanged(qint64 sampleId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool handleKey(QKeyEvent* e);
    QList<int> targetRows() const;
    bool recordFor(int row, core::ReviewAction action, int newLabel);
    void applyEffective(qint64 sampleId, bool moveTo = true);
    void afterDecisions(const QList<int>& rows);
    // Undo/redo steps of `count` log entries each (a batch on several tiles is one step).
    bool undoOrRedo(bool undo);
    void onCurrentChanged();
    void prefetch(int row);
    void rebuildTrustedRows();
    void updateProgress();
    void applyFilterControls();
    QString decisionDescription(qint64 sampleId) const;

    std::unique_ptr<core::Project> m_project;
    std::unique_ptr<core::ReviewLog> m_log;
    std::shared_ptr<const ReviewData> m_data;
    QString m_reviewer;
    QString m_lastError;
    ReviewQueueModel* m_model;
    QListView* m_view;
    ReviewPanel* m_panel;
    ClassPalette* m_palette;
    QLabel* m_progress;
    QLabel* m_status;
    QComboBox* m_classFilter;
    QComboBox* m_stateFilter;
    QCheckBox* m_flaggedOnly;
    QLabel* m_selectionChip;
    QTimer* m_positionTimer;
    // Owned (children), replaced on every open(); the model, panel and strips hold QPointers.
    QPointer<ThumbnailCache> m_small;
    QPointer<ThumbnailCache> m_large;
    ClipFrameLoader* m_clipFrames;
    std::shared_ptr<const QSet<qint64>> m_only;
    // Size of each action this session in log entries, newest last (the log's own undo
    // stack holds the entries); redo steps likewise.
    std::vector<int> m_undoSteps;
    std::vector<int> m_redoSteps;
};

}  // namespace winnow::widgets
