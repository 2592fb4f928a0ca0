#pragma once
#include <QDialog>
#include <filesystem>
#include <memory>

#include "core/dataset/importer.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace winnow::widgets {

class JobRunner;
struct JobResult;

// Import options (format, source, split, verification) and the import itself, which runs as
// a job with its own project connection. Shows progress and Cancel while running and the
// list of problems (file and reason) at the end.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    ImportDialog(const std::filesystem::path& projectFile, JobRunner* runner,
                 QWidget* parent = nullptr);

    core::ImportOptions options() const;
    void setSource(const QString& format, const QString& source);
    bool running() const { return m_jobId != 0; }
    const core::ImportReport& report() const { return *m_report; }

public Q_SLOTS:
    void startImport();

Q_SIGNALS:
    // After any import that wrote to the project (finished or cancelled).
    void importFinished();

protected:
    void reject() override;

private:
    void browse();
    void onFinished(const JobResult& r);
    void showIssues();

    std::filesystem::path m_project;
    JobRunner* m_runner;
    int m_jobId = 0;
    std::shared_ptr<core::ImportReport> m_report;
    QComboBox* m_format;
    QLineEdit* m_source;
    QComboBox* m_split;
    QComboBox* m_verify;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableWidget* m_issues;
    QPushButton* m_start;
    QPushButton* m_cancel;
    QDialogButtonBox* m_buttons;
};

}  // namespace winnow::widgets
