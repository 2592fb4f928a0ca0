#pragma once
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "core/review/decision.h"
#include "widgets/review/key_help_overlay.h"
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
class ZoomView;

// The annotator's workstation: the flagged queue, the detail panel and the class palette,
// driven from the keyboard. Every decision goes through core::ReviewLog::record, which has
// committed it (synchronous=FULL) by the time it returns; only then does the UI advance.
// Keys (one table, keyHelp(), which both dispatches them and writes the "?" / F1 help):
// 1–9/0 relabel (≤ 10 classes), "/" class search, Enter accept suggestion, K keep,
// X exclude, A ambiguous, T trust/untrust (asks first when the model disputes the label),
// Z / Shift+Z undo/redo, ←/→ or J/L move, V or a double-click the large view.
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
    bool canUndo() const { return !m_undoSteps.empty(); }
    bool canRedo() const { return !m_redoSteps.empty(); }
    // What undo / redo would take back or do again, e.g. "relabel of #24932 Bag → Trouser"
    // or "relabel of 8 samples → Trouser"; empty when there is nothing.
    QString undoText() const;
    QString redoText() const;
    // "T" on a label the model disputes (its prediction differs from the given label, or the
    // detector flags the sample) asks first, unless the reviewer kept the label already. The
    // question names both labels; the default asks with a message box ("confirmTrust").
    using TrustConfirmation = std::function<bool(const QString& question)>;
    void setTrustConfirmation(TrustConfirmation confirm) { m_confirmTrust = std::move(confirm); }
    // Every key of the queue with what it does now (the table handleKey dispatches from).
    QList<KeyHelpEntry> keyHelp() const;
    // Shows the key help over this widget (when nothing is connected to keyHelpRequested).
    void showKeyHelp();
    KeyHelpOverlay* keyHelpOverlay() const { return m_keyHelp; }
    // The large view of the current sample (double-click, V); follows the queue.
    void openZoom();
    ZoomView* zoomView() const;
    // The decision history of the current sample, newest last (from the audit log).
    QLabel* historyLabel() const { return m_history; }
    void moveBy(int delta);
    void setCurrentRow(int row);
    // Shows only these samples in the queue (a dashboard selection); empty set clears.
    void showOnly(const QSet<qint64>& sampleIds);
    // Stores the queue position (a convenience). Never throws: while another process holds
    // the project's write lock (a CLI import) it waits at most kPositionWaitMs, says so in
    // the status line and tries again kPositionRetryMs later. False when not saved now.
    bool savePosition();
    static constexpr int kPositionWaitMs = 200;
    static constexpr int kPositionRetryMs = 2000;
    QString statusText() const;
    // Meta key that stores the queue position (sample id) in the project.
    static constexpr const char* kPositionKey = "review.position";

Q_SIGNALS:
    void decisionRecorded(qint64 sampleId);
    void undoStateChanged();
    void selectionShownChanged(bool shown);  // a dashboard selection limits the queue
    // "?" or F1 in the queue; the review window shows its help with every key of the window.
    void keyHelpRequested();
    void trustedChanged();
    void currentSampleChanged(qint64 sampleId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct KeyBinding {
        std::function<QString()> keys;  // as shown in the help
        std::function<QString()> what;
        std::function<bool(int key, Qt::KeyboardModifiers mods)> matches;
        std::function<void(QKeyEvent* e)> run;
    };
    struct Step {
        int count = 0;  // log entries of the action
        QString what;   // undoText()
    };
    void buildKeyTable();
    bool handleKey(QKeyEvent* e);
    QString describe(core::ReviewAction action, const QList<int>& rows, int newLabel) const;
    void pushStep(int done, const QString& what);
    QString disputeOf(int row) const;
    bool confirmTrust(const QList<int>& rows);
    void updateHistory();
    void updateZoom();
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
    // Each action this session (its size in log entries and what it did), newest last (the
    // log's own undo stack holds the entries); redo steps likewise.
    std::vector<Step> m_undoSteps;
    std::vector<Step> m_redoSteps;
    std::vector<KeyBinding> m_keys;
    TrustConfirmation m_confirmTrust;
    QLabel* m_history;
    KeyHelpOverlay* m_keyHelp;
    QPointer<ZoomView> m_zoom;
    QPointer<ThumbnailCache> m_full;  // full-resolution decodes for the large view
};

}  // namespace winnow::widgets
