#pragma once
#include <QFutureWatcher>
#include <QImage>
#include <QWidget>
#include <filesystem>

class QLabel;
class QPushButton;
class QTableWidget;

namespace winnow::widgets {

// Everything the detail pane shows about one sample, gathered on a worker thread.
struct SampleDetail {
    qint64 id = -1;
    quint64 version = 0;
    QImage image;
    QString error;       // why the image could not be shown, if it could not
    QList<QPair<QString, QString>> fields;  // metadata rows (name, value)
    QList<QStringList> history;             // version, date, old, new, action
};

// Large image, metadata, import error and label history of the current sample. Loading
// (database reads and the full-size decode) happens off the GUI thread; a result for a
// sample that is no longer current is dropped.
class DetailPane : public QWidget {
    Q_OBJECT
public:
    explicit DetailPane(QWidget* parent = nullptr);
    void setProject(const std::filesystem::path& projectFile);
    void showSample(qint64 sampleId);
    const SampleDetail& current() const { return m_detail; }

    // Synchronous gather (runs on the calling thread); public for tests.
    static SampleDetail gather(const std::filesystem::path& projectFile, qint64 sampleId);

    // "More like this" under the image, enabled while a sample is shown.
    QPushButton* moreLikeThisButton() const { return m_moreLikeThis; }

Q_SIGNALS:
    void detailShown(qint64 sampleId);
    void moreLikeThisRequested(qint64 sampleId);

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    void apply(const SampleDetail& d);
    void updateImage();

    std::filesystem::path m_project;
    quint64 m_version = 0;
    SampleDetail m_detail;
    QLabel* m_image;
    QLabel* m_error;
    QTableWidget* m_fields;
    QTableWidget* m_history;
    QPushButton* m_moreLikeThis;
};

}  // namespace winnow::widgets
