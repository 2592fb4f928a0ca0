#include "widgets/retrieval/builtin_train_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/retrieval/builtin_training_run.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "core/util/number_text.h"

namespace winnow::widgets {
namespace fs = std::filesystem;

namespace {

constexpr int kUsableRole = Qt::UserRole + 1;  // images of the set whose file was found
constexpr int kNameRole = Qt::UserRole + 2;

fs::path normalPath(const fs::path& p) {
    std::error_code ec;
    const fs::path c = fs::weakly_canonical(p, ec);
    return (ec ? p : c).lexically_normal();
}

// True when `path` is `folder` or lies below it (both normalised).
bool isInside(const fs::path& path, const fs::path& folder) {
    const fs::path rel = path.lexically_relative(folder);
    return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

BuiltinTrainDialog::BuiltinTrainDialog(const fs::path& projectFile, QWidget* parent)
    : QDialog(parent), m_projectFile(projectFile) {
    setWindowTitle(tr("Train built-in encoder"));
    m_set = new QComboBox(this);
    m_set->setObjectName(QStringLiteral("trainSet"));
    try {
        auto project = core::Project::openReadOnly(projectFile);
        for (const auto& s : core::listCaptionSets(project->db())) {
            m_set->addItem(tr("#%1 %2 — %3 images, %4 captions")
                               .arg(s.id)
                               .arg(QString::fromStdString(s.name))
                               .arg(s.images)
                               .arg(s.groundTruthCaptions),
                           qint64(s.id));
            m_set->setItemData(m_set->count() - 1, qint64(s.images - s.missingImages), kUsableRole);
            m_set->setItemData(m_set->count() - 1, QString::fromStdString(s.name), kNameRole);
        }
    } catch (const std::exception& e) {
        m_set->setPlaceholderText(QString::fromLocal8Bit(e.what()));
    }
    const core::BuiltinTrainOptions defaults;
    m_backbone = new QComboBox(this);
    m_backbone->setObjectName(QStringLiteral("trainBackbone"));
    m_backbone->addItem(tr("cnn-small (fastest)"), QStringLiteral("cnn-small"));
    m_backbone->addItem(tr("resnet32"), QStringLiteral("resnet32"));
    m_backbone->addItem(tr("resnet18 (slowest)"), QStringLiteral("resnet18"));
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 10000);
    m_epochs->setValue(defaults.epochs);
    m_batch = new QSpinBox(this);
    m_batch->setRange(2, 65536);
    m_batch->setValue(defaults.batch);
    m_lr = new QLineEdit(QString::fromStdString(core::formatNumber(defaults.lr)), this);
    m_lr->setObjectName(QStringLiteral("trainLr"));
    m_dim = new QSpinBox(this);
    m_dim->setRange(2, 4096);
    m_dim->setValue(defaults.dim);
    m_seed = new QLineEdit(QString::number(defaults.seed), this);
    m_seed->setObjectName(QStringLiteral("trainSeed"));
    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("trainOutput"));
    auto* outputBox = new QWidget(this);
    auto* outputLay = new QHBoxLayout(outputBox);
    outputLay->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QPushButton(tr("Browse…"), outputBox);
    outputLay->addWidget(m_output, 1);
    outputLay->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Model file"), m_output->text(),
                                                       tr("Built-in encoders (*.wbe)"));
        if (!f.isEmpty()) m_output->setText(f);
    });
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("trainProblem"));
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Caption set:"), m_set);
    form->addRow(tr("Image backbone:"), m_backbone);
    form->addRow(tr("Epochs:"), m_epochs);
    form->addRow(tr("Batch (images):"), m_batch);
    form->addRow(tr("Learning rate:"), m_lr);
    form->addRow(tr("Embedding size:"), m_dim);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(tr("Model file:"), outputBox);
    auto* note = new QLabel(tr("Trains on the ground-truth captions (symmetric InfoNCE, learned temperature); "
                               "10 % of the images are held out for the validation R@1. The training "
                               "history is written beside the model as .training.json."),
                            this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Train"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(form);
    lay->addWidget(note);
    lay->addWidget(m_problem);
    lay->addWidget(buttons);

    suggestOutput();
    connect(m_output, &QLineEdit::textEdited, this, [this] { m_outputEdited = true; });
    for (auto* e : {m_lr, m_seed, m_output}) connect(e, &QLineEdit::textChanged, this, &BuiltinTrainDialog::update);
    for (auto* s : {m_epochs, m_batch, m_dim})
        connect(s, &QSpinBox::valueChanged, this, &BuiltinTrainDialog::update);
    for (auto* c : {m_set, m_backbone})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_outputEdited) suggestOutput();
            update();
        });
    connect(m_dim, &QSpinBox::valueChanged, this, [this] {
        if (!m_outputEdited) suggestOutput();
    });
    update();
}

void BuiltinTrainDialog::suggestOutput() {
    const QString set = m_set->count() ? m_set->currentData(kNameRole).toString() : QStringLiteral("captions");
    QString stem = QStringLiteral("%1-%2-d%3").arg(set, m_backbone->currentData().toString()).arg(m_dim->value());
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    const fs::path folder = m_projectFile.parent_path();
    fs::path file = folder / (stem.toStdString() + ".wbe");
    std::error_code ec;
    for (int n = 2; fs::exists(file, ec) && n < 1000; ++n)
        file = folder / (stem.toStdString() + "-" + std::to_string(n) + ".wbe");
    const QSignalBlocker block(m_output);
    m_output->setText(QString::fromStdString(file.string()));
}

QString BuiltinTrainDialog::problem() const {
    if (m_set->count() == 0) return tr("Import a caption set first (Retrieval → Import caption set…).");
    const qint64 usable = m_set->currentData(kUsableRole).toLongLong();
    if (usable < 2)
        return tr("Caption set %1 has %2 images whose file was found; training needs at least 2.")
            .arg(m_set->currentData(kNameRole).toString())
            .arg(usable);
    const auto lr = core::parseNumber(m_lr->text().trimmed().toStdString());
    if (!lr || !(*lr > 0) || *lr > 10)
        return tr("The learning rate must be a number above 0 and at most 10, written with a point "
                  "(like 0.002 or 2e-3): \"%1\".")
            .arg(m_lr->text().trimmed());
    bool seedOk = false;
    const QString seed = m_seed->text().trimmed();
    seed.toULongLong(&seedOk);
    if (!seedOk || seed.startsWith(QLatin1Char('-')) || seed.startsWith(QLatin1Char('+'))) return tr("The seed must be a whole number of 0 or more: \"%1\".").arg(m_seed->text().trimmed());

    const QString text = m_output->text().trimmed();
    if (text.isEmpty()) return tr("Choose the model file to write.");
    if (!text.endsWith(QStringLiteral(".wbe"), Qt::CaseInsensitive))
        return tr("The model file must end in .wbe: \"%1\".").arg(text);
    const fs::path folder = normalPath(m_projectFile.parent_path());
    fs::path out = text.toStdString();
    if (out.is_relative()) out = folder / out;
    out = normalPath(out);
    if (!isInside(out, folder))
        return tr("The model file must be inside the project's folder %1.").arg(QString::fromStdString(folder.string()));
    fs::path cache = m_projectFile;
    cache += "-cache";
    if (isInside(out, normalPath(cache)) || out == normalPath(cache))
        return tr("The model file must not be inside the project's cache folder.");
    std::error_code ec;
    if (!fs::is_directory(out.parent_path(), ec))
        return tr("The folder %1 does not exist.").arg(QString::fromStdString(out.parent_path().string()));
    if (fs::exists(out, ec))
        return tr("%1 already exists; choose another name (a model file is never overwritten).")
            .arg(QString::fromStdString(out.filename().string()));
    if (const fs::path history = core::builtinTrainingHistoryFile(out); fs::exists(history, ec))
        return tr("%1 already exists (the training history goes there); choose another model name.")
            .arg(QString::fromStdString(history.filename().string()));
    return {};
}

void BuiltinTrainDialog::accept() {
    update();
    if (problem().isEmpty()) QDialog::accept();
}

void BuiltinTrainDialog::update() {
    const QString p = problem();
    m_problem->setText(p);
    m_ok->setEnabled(p.isEmpty());
}

BuiltinTrainRequest BuiltinTrainDialog::request() const {
    BuiltinTrainRequest r;
    r.setId = m_set->currentData().toLongLong();
    r.setName = m_set->currentData(kNameRole).toString();
    r.options.backbone = m_backbone->currentData().toString().toStdString();
    r.options.epochs = m_epochs->value();
    r.options.batch = m_batch->value();
    r.options.lr = core::parseNumber(m_lr->text().trimmed().toStdString()).value_or(r.options.lr);
    r.options.dim = m_dim->value();
    r.options.seed = m_seed->text().trimmed().toULongLong();
    fs::path out = m_output->text().trimmed().toStdString();
    if (out.is_relative()) out = m_projectFile.parent_path() / out;
    r.model = normalPath(out);
    return r;
}

}  // namespace winnow::widgets
