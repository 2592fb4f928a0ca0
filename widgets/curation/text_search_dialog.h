#pragma once
#include <QDialog>
#include <QVector>

#include <filesystem>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace winnow::widgets {

class JobRunner;

// Review ▸ Search by Text… (issue 14): a dual encoder (a TorchScript CLIP-family model, a
// built-in encoder file or hash-demo) encodes every image of the project (cached beside it,
// core/curation/encoder_features) and the query; the samples nearest the text come back ranked
// (core/curation/similarity_search). The encoding runs as a job with progress and cancel.
class TextSearchDialog : public QDialog {
    Q_OBJECT
public:
    TextSearchDialog(JobRunner* runner, const std::filesystem::path& projectFile, QWidget* parent = nullptr);
    ~TextSearchDialog() override;

    QLineEdit* modelEdit() const { return m_model; }
    QLineEdit* queryEdit() const { return m_query; }
    QSpinBox* countBox() const { return m_k; }
    // Starts the search job (0 when one runs already or the fields are empty).
    int startSearch();
    void cancelSearch();
    bool searching() const { return m_job != 0; }

Q_SIGNALS:
    // The ranked samples (best first) and their scores, with a reason naming the query.
    void resultsReady(const QVector<qint64>& sampleIds, const QVector<float>& scores, const QString& reason);
    // The job ended: ok, or why not (cancelled, the model's error).
    void searchFinished(bool ok, const QString& message);

private:
    void chooseModel();

    JobRunner* m_runner;
    std::filesystem::path m_file;
    QLineEdit* m_model;
    QLineEdit* m_query;
    QSpinBox* m_k;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_search;
    int m_job = 0;
};

}  // namespace winnow::widgets
