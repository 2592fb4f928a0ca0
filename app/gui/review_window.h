#pragma once
#include <QFutureWatcher>
#include <QMainWindow>
#include <filesystem>
#include <memory>

#include "widgets/review/review_data.h"

class QLabel;
class QTabWidget;
class QTimer;

namespace winnow::widgets {
class InfluenceDashboard;
class ReviewWidget;
class TrustedSetManager;
}  // namespace winnow::widgets

namespace winnow::gui {

// The "Review" window: the keyboard review queue, the trusted-set manager and the influence
// dashboard over the newest scoring of a project, plus applying decisions as a new label
// version and exporting corrected labels. Opened from the main window's Review menu.
class ReviewWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ReviewWindow(const std::filesystem::path& projectFile, QWidget* parent = nullptr);
    ~ReviewWindow() override;
    // Opens (or raises) the review window of a project; asks for the reviewer name once.
    static ReviewWindow* openFor(const std::filesystem::path& projectFile, QWidget* parent);
    // Reviewer from QSettings ("review/reviewer"); asks once when unset.
    static QString reviewerName(QWidget* parent);

    widgets::ReviewWidget* review() const { return m_review; }

private:
    void load(qint64 scoringId = 0);
    void loaded();
    void applyDecisions();
    void exportLabels(bool json);
    void exportImageFolder();
    void checkForNewResults();

    std::filesystem::path m_file;
    QTabWidget* m_tabs;
    widgets::ReviewWidget* m_review;
    widgets::TrustedSetManager* m_trusted;
    widgets::InfluenceDashboard* m_dashboard;
    QLabel* m_banner;
    QTimer* m_poll;
    qint64 m_latestScoring = -1;
    QFutureWatcher<std::shared_ptr<widgets::ReviewData>> m_watcher;
    QString m_loadError;
    std::shared_ptr<QString> m_loadErrorSlot;
};

}  // namespace winnow::gui
