#include "widgets/import_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/store/project.h"
#include "widgets/job_runner.h"

namespace winnow::widgets {

namespace {
// Formats whose source is a single file (the others take a folder, IDX/CIFAR take either).
bool sourceIsFile(const QString& format) {
    return format == QLatin1String("csv") || format == QLatin1String("video-csv");
}
constexpr int kHeightWithIssues = 520;

}  // namespace

ImportDialog::ImportDialog(const std::filesystem::path& projectFile, JobRunner* runner,
                           QWidget* parent)
    : QDialog(parent), m_project(projectFile), m_runner(runner),
      m_report(std::make_shared<core::ImportReport>()) {
    setWindowTitle(tr("Import dataset"));
    // As tall as the form needs; the problems table, when there are problems, makes it taller
    // (a fixed 520 px left a large empty area between the form and the buttons, issue 16).
    resize(720, 0);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("importFormat"));
    QStringList formats;
    for (const auto& f : core::importFormats()) formats << QString::fromStdString(f);
    if (formats.isEmpty()) formats = {QStringLiteral("imagefolder"), QStringLiteral("csv"),
                                      QStringLiteral("idx"), QStringLiteral("cifar")};
    const std::pair<const char*, const char*> labels[] = {
        {"imagefolder", QT_TR_NOOP("Image folder (one sub-folder per class)")},
        {"csv", QT_TR_NOOP("CSV manifest (path,label[,split])")},
        {"idx", QT_TR_NOOP("MNIST / Fashion-MNIST IDX files")},
        {"cifar", QT_TR_NOOP("CIFAR-10/100 binary batches")},
        {"video-folder", QT_TR_NOOP("Video folder (one sub-folder per class)")},
        {"video-csv", QT_TR_NOOP("Video CSV manifest")}};
    for (const QString& f : formats) {
        QString text = f;
        for (const auto& [key, label] : labels)
            if (f == QLatin1String(key)) text = tr(label);
        m_format->addItem(text, f);
    }
    // The common case first: a folder of images, one sub-folder per class.
    const int imageFolder = m_format->findData(QStringLiteral("imagefolder"));
    if (imageFolder >= 0) m_format->setCurrentIndex(imageFolder);
    m_source = new QLineEdit(this);
    auto* browseButton = new QToolButton(this);
    browseButton->setText(tr("Browse…"));
    connect(browseButton, &QToolButton::clicked, this, &ImportDialog::browse);
    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(browseButton);
    m_split = new QComboBox(this);
    m_split->addItem(tr("From the source (default train)"), -1);
    m_split->addItem(tr("train"), 0);
    m_split->addItem(tr("val"), 1);
    m_split->addItem(tr("test"), 2);
    m_verify = new QComboBox(this);
    m_verify->addItem(tr("Check headers (fast)"), 0);
    m_verify->addItem(tr("Decode every image (thorough)"), 1);

    auto* form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Source:"), sourceRow);
    form->addRow(tr("Split:"), m_split);
    form->addRow(tr("Verification:"), m_verify);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->hide();  // until an import starts: "0%" before any import read as stuck
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_issues = new QTableWidget(0, 3, this);
    m_issues->setHorizontalHeaderLabels({tr("File"), tr("Line"), tr("Reason")});
    m_issues->verticalHeader()->setVisible(false);
    m_issues->horizontalHeader()->setStretchLastSection(true);
    m_issues->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Long paths lose their middle, not the file name; the tooltip gives them whole.
    m_issues->setTextElideMode(Qt::ElideMiddle);
    m_issues->setWordWrap(false);
    m_issues->hide();

    m_buttons = new QDialogButtonBox(this);
    m_start = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(tr("Cancel import"), QDialogButtonBox::ActionRole);
    m_cancel->setEnabled(false);
    m_buttons->addButton(QDialogButtonBox::Close);
    connect(m_start, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_jobId) m_runner->cancel(m_jobId);
        m_status->setText(tr("Cancelling…"));
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_issues, 1);
    layout->addWidget(m_buttons);
}

void ImportDialog::setSource(const QString& format, const QString& source) {
    const int i = m_format->findData(format);
    if (i >= 0) m_format->setCurrentIndex(i);
    m_source->setText(source);
}

core::ImportOptions ImportDialog::options() const {
    core::ImportOptions o;
    o.format = m_format->currentData().toString().toStdString();
    o.source = std::filesystem::path(m_source->text().toStdString());
    const int split = m_split->currentData().toInt();
    if (split >= 0) o.split = core::Split(split);
    o.verify = m_verify->currentData().toInt() == 1 ? core::VerifyMode::Full
                                                    : core::VerifyMode::Header;
    return o;
}

void ImportDialog::browse() {
    const QString format = m_format->currentData().toString();
    QString chosen;
    if (sourceIsFile(format))
        chosen = QFileDialog::getOpenFileName(this, tr("Choose the CSV manifest"), m_source->text(),
                                              tr("CSV files (*.csv);;All files (*)"));
    else
        chosen = QFileDialog::getExistingDirectory(this, tr("Choose the dataset folder"),
                                                   m_source->text());
    if (!chosen.isEmpty()) m_source->setText(chosen);
}

void ImportDialog::startImport() {
    if (m_jobId) return;
    if (m_source->text().trimmed().isEmpty()) {
        m_status->setText(tr("Choose a source first."));
        return;
    }
    const core::ImportOptions opts = options();
    *m_report = core::ImportReport();
    m_issues->hide();
    m_issues->setRowCount(0);
    m_progress->setValue(0);
    m_progress->show();
    m_status->setText(tr("Importing…"));
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    const auto project = m_project;
    auto report = m_report;
    const int id = m_runner->start(
        tr("Import %1").arg(QString::fromStdString(opts.source.filename().string())),
        [project, opts, report](const core::ProgressFn& progress, const core::CancelToken& cancel) {
            // The worker's own connection: SQLite connections never cross threads.
            auto p = core::Project::open(project);
            *report = core::importDataset(*p, opts, progress, &cancel);
        },
        [self = QPointer<ImportDialog>(this)](const JobResult& r) {
            if (self) self->onFinished(r);
        });
    m_jobId = id;
    connect(m_runner, &JobRunner::jobProgress, this,
            [this, id](int job, double fraction, const QString& message) {
                if (job != id) return;
                m_progress->setValue(int(fraction * 1000));
                if (!message.isEmpty()) m_status->setText(message);
            });
}

void ImportDialog::onFinished(const JobResult& r) {
    disconnect(m_runner, &JobRunner::jobProgress, this, nullptr);
    m_jobId = 0;
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    const auto& rep = *m_report;
    if (!r.ok && !r.cancelled) {
        m_status->setText(tr("Import failed: %1").arg(r.error));
        return;
    }
    m_progress->setValue(r.ok && !rep.cancelled ? 1000 : m_progress->value());
    if (r.cancelled || rep.cancelled)
        m_status->setText(tr("Import cancelled; the project is unchanged."));
    else if (rep.exactCopies > 0)
        m_status->setText(tr("Imported %1 samples (%2 unreadable), skipped %3, %4 problems; %5 are exact "
                             "copies of another sample (Issues view: duplicates).")
                              .arg(rep.imported)
                              .arg(rep.unreadable)
                              .arg(rep.skipped)
                              .arg(rep.issueCount)
                              .arg(rep.exactCopies));
    else
        m_status->setText(tr("Imported %1 samples (%2 unreadable), skipped %3, %4 problems.")
                              .arg(rep.imported)
                              .arg(rep.unreadable)
                              .arg(rep.skipped)
                              .arg(rep.issueCount));
    showIssues();
    Q_EMIT importFinished();
}

void ImportDialog::showIssues() {
    const auto& issues = m_report->issues;
    if (!issues.empty() && height() < kHeightWithIssues) resize(width(), kHeightWithIssues);
    m_issues->setVisible(!issues.empty());
    m_issues->setRowCount(int(issues.size()));
    for (int i = 0; i < int(issues.size()); ++i) {
        const auto& is = issues[size_t(i)];
        auto* path = new QTableWidgetItem(QString::fromStdString(is.path));
        path->setToolTip(path->text());
        m_issues->setItem(i, 0, path);
        m_issues->setItem(i, 1, new QTableWidgetItem(is.line >= 0 ? QString::number(is.line)
                                                                  : QString()));
        auto* reason = new QTableWidgetItem(QString::fromStdString(is.reason));
        reason->setToolTip(reason->text());
        m_issues->setItem(i, 2, reason);
    }
    m_issues->resizeColumnToContents(1);
    // Paths get half the table (their whole width when less); the reason the rest.
    m_issues->resizeColumnToContents(0);
    m_issues->setColumnWidth(0, std::min(m_issues->columnWidth(0), m_issues->viewport()->width() / 2));
    if (m_report->issueCount > int64_t(issues.size()))
        m_status->setText(m_status->text() + QLatin1Char(' ') +
                          tr("(showing the first %1)").arg(issues.size()));
}

void ImportDialog::reject() {
    // Closing while importing cancels first: the job still owns the report.
    if (m_jobId) {
        m_runner->cancel(m_jobId);
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

}  // namespace winnow::widgets
