#include "widgets/curation/text_search_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/curation/similarity_search.h"
#include "core/store/project.h"
#include "widgets/job_runner.h"

namespace winnow::widgets {

TextSearchDialog::TextSearchDialog(JobRunner* runner, const std::filesystem::path& projectFile, QWidget* parent)
    : QDialog(parent), m_runner(runner), m_file(projectFile) {
    setWindowTitle(tr("Search by Text"));
    auto* lay = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* modelRow = new QHBoxLayout;
    m_model = new QLineEdit(QStringLiteral("hash-demo"), this);
    m_model->setObjectName(QStringLiteral("textSearchModel"));
    m_model->setToolTip(tr("A dual encoder: a TorchScript CLIP-family model (.pt), a built-in encoder file, or "
                           "hash-demo (a test baseline, not a model)"));
    modelRow->addWidget(m_model, 1);
    auto* browse = new QPushButton(tr("&Browse…"), this);
    modelRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, &TextSearchDialog::chooseModel);
    form->addRow(tr("&Model:"), modelRow);
    m_query = new QLineEdit(this);
    m_query->setObjectName(QStringLiteral("textSearchQuery"));
    m_query->setPlaceholderText(tr("a photo of a dog on grass"));
    form->addRow(tr("&Text:"), m_query);
    m_k = new QSpinBox(this);
    m_k->setObjectName(QStringLiteral("textSearchCount"));
    m_k->setRange(1, 10000);
    m_k->setValue(50);
    form->addRow(tr("&Samples to show:"), m_k);
    lay->addLayout(form);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    lay->addWidget(m_progress);
    m_status = new QLabel(tr("The first search with a model encodes every image of the project; later searches "
                             "read the encodings back."), this);
    m_status->setObjectName(QStringLiteral("textSearchStatus"));
    m_status->setWordWrap(true);
    lay->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_search = buttons->addButton(tr("&Search"), QDialogButtonBox::ActionRole);
    m_search->setObjectName(QStringLiteral("textSearchStart"));
    m_search->setDefault(true);
    connect(m_search, &QPushButton::clicked, this, [this] {
        if (m_job) cancelSearch();
        else startSearch();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    lay->addWidget(buttons);
    if (m_runner)
        connect(m_runner, &JobRunner::jobProgress, this, [this](int id, double fraction, const QString& message) {
            if (id != m_job) return;
            m_progress->setValue(int(fraction * 1000));
            if (!message.isEmpty()) m_status->setText(message);
        });
}

TextSearchDialog::~TextSearchDialog() { cancelSearch(); }

void TextSearchDialog::chooseModel() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Dual encoder"), QString(),
                                                      tr("Models (*.pt *.pth *.ts *.bin);;All files (*)"));
    if (!file.isEmpty()) m_model->setText(file);
}

int TextSearchDialog::startSearch() {
    const QString model = m_model->text().trimmed();
    const QString text = m_query->text().trimmed();
    if (m_job || !m_runner || m_file.empty() || model.isEmpty() || text.isEmpty()) {
        if (model.isEmpty() || text.isEmpty()) m_status->setText(tr("Give a model and a text."));
        return 0;
    }
    core::SimilarityQuery q;
    q.features = std::string(core::kEncoderSpecPrefix) + model.toStdString();
    q.text = text.toStdString();
    q.k = m_k->value();
    const auto file = m_file;
    auto result = std::make_shared<core::SimilarityResult>();
    QPointer<TextSearchDialog> self(this);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_search->setText(tr("&Cancel"));
    m_status->setText(tr("Encoding…"));
    m_job = m_runner->start(
        tr("Search by text"),
        [file, q, result](const core::ProgressFn& progress, const core::CancelToken& cancel) {
            // Only the cache beside the project is written.
            auto project = core::Project::openReadOnly(file);
            *result = core::projectSimilaritySearch(*project, q, progress, &cancel);
        },
        [self, result, text](const JobResult& r) {
            if (!self) return;
            self->m_job = 0;
            self->m_progress->setVisible(false);
            self->m_search->setText(tr("&Search"));
            if (!r.ok) {
                const QString why = r.cancelled ? tr("Search cancelled.") : r.error;
                self->m_status->setText(why);
                Q_EMIT self->searchFinished(false, why);
                return;
            }
            QVector<qint64> ids;
            QVector<float> scores;
            for (const auto& h : result->hits) {
                ids << qint64(h.id);
                scores << h.score;
            }
            QString message = tr("%n sample(s) nearest “%1” of %2 (features %3).", nullptr, int(ids.size()))
                                  .arg(text, QLocale().toString(qint64(result->rows)),
                                       QString::fromStdString(result->features));
            if (result->encoder.failed > 0)
                message += QLatin1Char(' ') +
                           tr("%n sample(s) could not be read and were left out.", nullptr, int(result->encoder.failed));
            self->m_status->setText(message);
            Q_EMIT self->resultsReady(ids, scores, tr("Text search: “%1”").arg(text));
            Q_EMIT self->searchFinished(true, message);
        });
    return m_job;
}

void TextSearchDialog::cancelSearch() {
    if (m_job && m_runner) m_runner->cancel(m_job);
}

}  // namespace winnow::widgets
