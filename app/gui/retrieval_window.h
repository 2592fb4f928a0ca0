#pragma once
#include <QMainWindow>
#include <filesystem>

#include "core/retrieval/retrieval_request.h"

namespace winnow::widgets {
class JobRunner;
class RetrievalBrowser;
struct BuiltinTrainRequest;
}  // namespace winnow::widgets

namespace winnow::gui {

// The "Retrieval" window (RoCOCO, METHODS §12): import caption sets, run evaluations of a
// dual encoder against caption and image attacks as jobs (progress, Cancel), browse the
// results and failures, export the table, the failures and an HTML report. Opened from the
// main window's Retrieval menu; one per project.
class RetrievalWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit RetrievalWindow(const std::filesystem::path& projectFile, QWidget* parent = nullptr);
    static RetrievalWindow* openFor(const std::filesystem::path& projectFile, QWidget* parent);

    widgets::RetrievalBrowser* browser() const { return m_browser; }
    widgets::JobRunner* jobs() const { return m_jobs; }
    // The actions behind the menu, without dialogs (tests); each starts a job, returns its id.
    int importCaptions(const QString& captionFile, const QString& imageFolder);
    int evaluate(const core::RetrievalRequest& request);
    int exportTo(const QString& file, const QString& what);  // what: table | failures | report
    // Trains the built-in encoder in a window of live curves; returns the job id. The model
    // written is offered (and selected) by the next New evaluation dialog.
    int trainBuiltin(const widgets::BuiltinTrainRequest& request);
    QString trainedModel() const { return m_trainedModel; }

private:
    void importDialog();
    void evaluateDialog();
    void evaluateDialogWith(const QString& model);
    void trainBuiltinDialog();
    void exportDialog(const QString& what);
    int startJob(const QString& title, std::function<QString(core::Project&, const core::ProgressFn&,
                                                             const core::CancelToken&)> work, bool reload);

    std::filesystem::path m_file;
    widgets::RetrievalBrowser* m_browser;
    widgets::JobRunner* m_jobs;
    QString m_trainedModel;  // the last built-in encoder trained here
};

}  // namespace winnow::gui
