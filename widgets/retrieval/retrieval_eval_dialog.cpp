#include "widgets/retrieval/retrieval_eval_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <vector>

#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "widgets/field_width.h"

namespace winnow::widgets {
namespace {

QWidget* withBrowse(QLineEdit* edit, QWidget* parent, const QString& title, const QString& filter) {
    auto* box = new QWidget(parent);
    auto* lay = new QHBoxLayout(box);
    lay->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QPushButton(RetrievalEvalDialog::tr("Browse…"), box);
    lay->addWidget(edit, 1);
    lay->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, box, [edit, box, title, filter] {
        const QString f = QFileDialog::getOpenFileName(box, title, edit->text(), filter);
        if (!f.isEmpty()) edit->setText(f);
    });
    return box;
}

}  // namespace

RetrievalEvalDialog::RetrievalEvalDialog(const std::filesystem::path& projectFile, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("New retrieval evaluation"));
    m_set = new QComboBox(this);
    m_set->setObjectName(QStringLiteral("evalSet"));
    m_captionAttacks = new QListWidget(this);
    m_captionAttacks->setObjectName(QStringLiteral("evalCaptionAttacks"));
    m_captionAttacks->setMaximumHeight(120);
    try {
        auto project = core::Project::openReadOnly(projectFile);
        for (const auto& s : core::listCaptionSets(project->db())) {
            const QString text = tr("#%1 %2 — %3 images, %4 captions%5")
                                     .arg(s.id)
                                     .arg(QString::fromStdString(s.name))
                                     .arg(s.images)
                                     .arg(s.groundTruthCaptions)
                                     .arg(s.rococo ? tr(", %1 adversarial").arg(s.adversarialCaptions) : QString());
            m_set->addItem(text, qint64(s.id));
            if (s.rococo) {
                auto* item = new QListWidgetItem(tr("%1 (set #%2)").arg(QString::fromStdString(s.attackName())).arg(s.id),
                                                 m_captionAttacks);
                item->setData(Qt::UserRole, qint64(s.id));
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
            }
        }
    } catch (const std::exception& e) {
        m_set->setPlaceholderText(QString::fromLocal8Bit(e.what()));
    }
    m_model = new QLineEdit(this);
    m_model->setObjectName(QStringLiteral("evalModel"));
    m_model->setPlaceholderText(tr("model.pt (TorchScript), a built-in encoder file, or hash-demo"));
    m_trained = new QComboBox(this);
    m_trained->setObjectName(QStringLiteral("evalTrainedModels"));
    m_trained->setPlaceholderText(tr("none in the project's folder (Retrieval → Train built-in encoder…)"));
    {
        std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> found;
        std::error_code ec;
        for (std::filesystem::directory_iterator it(projectFile.parent_path(), ec), end; !ec && it != end;
             it.increment(ec)) {
            std::error_code fe;
            if (it->path().extension() == ".wbe" && it->is_regular_file(fe))
                found.emplace_back(it->last_write_time(fe), it->path());
        }
        std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& f : found)
            m_trained->addItem(QString::fromStdString(f.second.filename().string()), QString::fromStdString(f.second.string()));
        m_trained->setCurrentIndex(-1);
    }
    connect(m_trained, &QComboBox::activated, this, [this](int i) { m_model->setText(m_trained->itemData(i).toString()); });
    m_preprocessing = new QLineEdit(this);
    m_preprocessing->setPlaceholderText(tr("optional: preprocessing.json (else inside the model, else CLIP's)"));
    fitPlaceholder(m_model);
    fitPlaceholder(m_preprocessing);
    m_mix = new QCheckBox(tr("Mix (blend with another image)"), this);
    m_patch = new QCheckBox(tr("Patch (a box from another image)"), this);
    m_seeds = new QLineEdit(QStringLiteral("1, 10, 100"), this);
    m_lambda = new QDoubleSpinBox(this);
    m_lambda->setRange(0.05, 0.99);
    m_lambda->setSingleStep(0.05);
    m_lambda->setValue(0.9);
    m_pairing = new QComboBox(this);
    m_pairing->addItem(tr("never with itself, aspect kept (default)"), QStringLiteral("default"));
    m_pairing->addItem(tr("paper-compatible (square, batches of 64)"), QStringLiteral("paper"));
    m_cache = new QCheckBox(tr("Reuse cached embeddings of this model"), this);
    m_cache->setChecked(true);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Caption set:"), m_set);
    form->addRow(tr("Model:"), withBrowse(m_model, this, tr("Model"), tr("Models (*.pt *.pth *.wbe);;All files (*)")));
    form->addRow(tr("Trained here:"), m_trained);
    form->addRow(tr("Preprocessing:"), withBrowse(m_preprocessing, this, tr("Preprocessing"), tr("JSON (*.json)")));
    form->addRow(tr("Caption attacks:"), m_captionAttacks);
    auto* images = new QVBoxLayout;
    images->addWidget(m_mix);
    images->addWidget(m_patch);
    form->addRow(tr("Image attacks:"), images);
    form->addRow(tr("Seeds:"), m_seeds);
    form->addRow(tr("λ:"), m_lambda);
    form->addRow(tr("Pairing:"), m_pairing);
    form->addRow(QString(), m_cache);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Run"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(form);
    lay->addWidget(m_problem);
    lay->addWidget(buttons);
    for (auto* e : {m_model, m_seeds}) connect(e, &QLineEdit::textChanged, this, &RetrievalEvalDialog::update);
    connect(m_mix, &QCheckBox::toggled, this, &RetrievalEvalDialog::update);
    connect(m_patch, &QCheckBox::toggled, this, &RetrievalEvalDialog::update);
    update();
}

void RetrievalEvalDialog::offerModel(const QString& file) {
    int at = m_trained->findData(file);
    if (at < 0) {
        m_trained->insertItem(0, QFileInfo(file).fileName(), file);
        at = 0;
    }
    m_trained->setCurrentIndex(at);
    m_model->setText(file);
}

int RetrievalEvalDialog::setCount() const { return m_set->count(); }

QString RetrievalEvalDialog::problem() const {
    if (m_set->count() == 0) return tr("Import a caption set first (Retrieval → Import caption set…).");
    if (m_model->text().trimmed().isEmpty()) return tr("Choose a model file.");
    if (m_mix->isChecked() || m_patch->isChecked()) {
        bool any = false;
        for (const QString& s : m_seeds->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            s.trimmed().toLongLong(&ok);
            if (!ok) return tr("Seeds must be whole numbers separated by commas: \"%1\".").arg(s.trimmed());
            any = true;
        }
        if (!any) return tr("Image attacks need at least one seed.");
    }
    return {};
}

void RetrievalEvalDialog::update() {
    const QString p = problem();
    m_problem->setText(p);
    m_ok->setEnabled(p.isEmpty());
}

core::RetrievalRequest RetrievalEvalDialog::request() const {
    core::RetrievalRequest r;
    r.setId = m_set->currentData().toLongLong();
    r.model = m_model->text().trimmed().toStdString();
    r.preprocessing = m_preprocessing->text().trimmed().toStdString();
    for (int i = 0; i < m_captionAttacks->count(); ++i)
        if (m_captionAttacks->item(i)->checkState() == Qt::Checked)
            r.captionAttackSets.push_back(m_captionAttacks->item(i)->data(Qt::UserRole).toLongLong());
    if (m_mix->isChecked()) r.imageAttacks.push_back("mix");
    if (m_patch->isChecked()) r.imageAttacks.push_back("patch");
    r.seeds.clear();
    for (const QString& s : m_seeds->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) r.seeds.push_back(s.trimmed().toLongLong());
    r.lambda = m_lambda->value();
    r.pairing = m_pairing->currentData().toString().toStdString();
    r.useCache = m_cache->isChecked();
    return r;
}

}  // namespace winnow::widgets
