#include "widgets/train/train_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <thread>

#include "core/train/device.h"
#include "core/train/train_command_line.h"
#include "core/util/invalid_setting.h"
#include "core/util/json_text.h"
#include "widgets/field_width.h"
#include "widgets/train/cmo_preview_dialog.h"
#include "widgets/train/multi_process_launch.h"
#include "widgets/train/train_advanced_box.h"

namespace winnow::widgets {

namespace {
const QString kSettingsKey = QStringLiteral("train/config");
const QString kProcessesKey = QStringLiteral("train/processes");

void selectData(QComboBox* box, const std::string& value) {
    const int i = box->findData(QString::fromStdString(value));
    if (i >= 0) box->setCurrentIndex(i);
}
std::string dataOf(const QComboBox* box) { return box->currentData().toString().toStdString(); }

QSpinBox* intSpin(QWidget* parent, const char* name, int lo, int hi) {
    auto* s = new QSpinBox(parent);
    s->setObjectName(QLatin1String(name));
    s->setRange(lo, hi);
    return s;
}
QDoubleSpinBox* realSpin(QWidget* parent, const char* name, double lo, double hi, int decimals,
                         double step) {
    auto* s = new QDoubleSpinBox(parent);
    s->setObjectName(QLatin1String(name));
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    return s;
}
QComboBox* combo(QWidget* parent, const char* name) {
    auto* c = new QComboBox(parent);
    c->setObjectName(QLatin1String(name));
    return c;
}
}  // namespace

TrainDialog::TrainDialog(const std::filesystem::path& projectFile, QWidget* parent)
    : QDialog(parent), m_file(projectFile) {
    setWindowTitle(tr("Train a model"));

    // Model
    auto* modelBox = new QGroupBox(tr("Model"), this);
    auto* modelForm = new QFormLayout(modelBox);
    m_model = combo(modelBox, "model");
    m_model->addItem(tr("Small CNN (cnn-small)"), QStringLiteral("cnn-small"));
    m_model->addItem(tr("ResNet-32 (CIFAR style)"), QStringLiteral("resnet32"));
    m_model->addItem(tr("ResNet-18"), QStringLiteral("resnet18"));
    m_model->addItem(tr("TorchScript backbone…"), QStringLiteral("torchscript"));
    m_scriptPath = new QLineEdit(modelBox);
    m_scriptPath->setObjectName(QStringLiteral("torchscriptPath"));
    // A short placeholder fits the narrow column; the tooltip says what the file must do.
    m_scriptPath->setPlaceholderText(tr("backbone.pt"));
    m_scriptPath->setToolTip(tr("TorchScript file (.pt) producing features"));
    fitPlaceholder(m_scriptPath);
    m_browse = new QPushButton(tr("Browse…"), modelBox);
    auto* scriptRow = new QHBoxLayout;
    scriptRow->addWidget(m_scriptPath, 1);
    scriptRow->addWidget(m_browse);
    m_bottleneck = intSpin(modelBox, "bottleneck", 0, 4096);
    m_bottleneck->setSpecialValueText(tr("none"));
    m_bottleneck->setToolTip(tr("Extra linear layer of this width (with ReLU) before the classifier"));
    modelForm->addRow(tr("Architecture:"), m_model);
    modelForm->addRow(tr("TorchScript:"), scriptRow);
    modelForm->addRow(tr("Bottleneck:"), m_bottleneck);

    // Optimisation
    auto* optBox = new QGroupBox(tr("Optimisation"), this);
    auto* optForm = new QFormLayout(optBox);
    m_epochs = intSpin(optBox, "epochs", 1, 10000);
    m_batch = intSpin(optBox, "batchSize", 1, 65536);
    m_lr = realSpin(optBox, "lr", 1e-5, 10.0, 5, 0.01);
    optForm->addRow(tr("Epochs:"), m_epochs);
    optForm->addRow(tr("Batch size:"), m_batch);
    m_weightDecay = realSpin(optBox, "weightDecay", 0.0, 1.0, 5, 1e-4);
    m_schedule = combo(optBox, "schedule");
    m_schedule->addItem(tr("Cosine"), QStringLiteral("cosine"));
    m_schedule->addItem(tr("Step decay"), QStringLiteral("step"));
    optForm->addRow(tr("Learning rate:"), m_lr);
    optForm->addRow(tr("Weight decay:"), m_weightDecay);
    optForm->addRow(tr("Schedule:"), m_schedule);

    // Loss and sampling
    auto* lossBox = new QGroupBox(tr("Loss and sampling"), this);
    auto* lossForm = new QFormLayout(lossBox);
    m_loss = combo(lossBox, "loss");
    m_loss->addItem(tr("Cross-entropy"), QStringLiteral("ce"));
    m_loss->addItem(tr("Focal"), QStringLiteral("focal"));
    m_loss->addItem(tr("Influence-balanced (IB)"), QStringLiteral("ib"));
    m_loss->addItem(tr("IB + focal"), QStringLiteral("ib-focal"));
    m_focalGamma = realSpin(lossBox, "focalGamma", 0.0, 10.0, 2, 0.5);
    m_sampler = combo(lossBox, "sampler");
    m_sampler->addItem(tr("Instance (uniform over samples)"), QStringLiteral("instance"));
    m_sampler->addItem(tr("Class-balanced"), QStringLiteral("class-balanced"));
    m_sampler->addItem(tr("q(r, k) ∝ n_k^−r"), QStringLiteral("qr"));
    m_samplerR = realSpin(lossBox, "samplerR", 0.0, 4.0, 2, 0.1);
    m_classWeights = combo(lossBox, "classWeights");
    m_classWeights->addItem(tr("None"), QStringLiteral("none"));
    m_classWeights->addItem(tr("Inverse frequency"), QStringLiteral("inverse"));
    m_classWeights->addItem(tr("Deferred re-weighting (DRW)"), QStringLiteral("drw"));
    lossForm->addRow(tr("Loss:"), m_loss);
    lossForm->addRow(tr("Focal γ:"), m_focalGamma);
    lossForm->addRow(tr("Sampler:"), m_sampler);
    lossForm->addRow(tr("Sampler r:"), m_samplerR);
    lossForm->addRow(tr("Class weights:"), m_classWeights);

    // CMO and augmentation
    auto* augBox = new QGroupBox(tr("Augmentation"), this);
    auto* augForm = new QFormLayout(augBox);
    m_cmo = new QCheckBox(tr("CutMix minority oversampling (CMO)"), augBox);
    m_cmo->setObjectName(QStringLiteral("cmo"));
    m_cmoProb = realSpin(augBox, "cmoProb", 0.0, 1.0, 2, 0.05);
    m_preview = new QPushButton(tr("Preview…"), augBox);
    m_preview->setObjectName(QStringLiteral("preview"));
    auto* cmoRow = new QHBoxLayout;
    cmoRow->addWidget(m_cmoProb, 1);
    cmoRow->addWidget(m_preview);
    m_augment = new QCheckBox(tr("Random crop and flip"), augBox);
    m_augment->setObjectName(QStringLiteral("augment"));
    m_cropPadding = intSpin(augBox, "cropPadding", 0, 64);
    m_hflip = new QCheckBox(tr("Horizontal flip"), augBox);
    m_hflip->setObjectName(QStringLiteral("hflip"));
    augForm->addRow(m_cmo);
    augForm->addRow(tr("CMO probability:"), cmoRow);
    augForm->addRow(m_augment);
    augForm->addRow(tr("Crop padding:"), m_cropPadding);
    augForm->addRow(QString(), m_hflip);

    // Runtime
    const core::DeviceInfo dev = core::deviceInfo();
    auto* runBox = new QGroupBox(tr("Runtime"), this);
    auto* runForm = new QFormLayout(runBox);
    m_device = combo(runBox, "device");
    m_device->addItem(tr("Automatic"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
    if (!dev.cudaAvailable) {
        // Shown but not selectable, so the user sees why training runs on the CPU.
        if (auto* m = qobject_cast<QStandardItemModel*>(m_device->model()))
            m->item(2)->setEnabled(false);
        m_device->setItemData(2, tr("LibTorch sees no CUDA device"), Qt::ToolTipRole);
    }
    m_threads = intSpin(runBox, "threads", 0, 1024);
    m_threads->setSpecialValueText(tr("default"));
    m_threads->setToolTip(tr("CPU threads for LibTorch (default: %1)").arg(dev.cpuThreads));
    m_seed = intSpin(runBox, "seed", 0, 2147483647);
    runForm->addRow(tr("Device:"), m_device);
    runForm->addRow(tr("Threads:"), m_threads);
    runForm->addRow(tr("Seed:"), m_seed);
    m_processes = intSpin(runBox, "processes", 1, 256);
    if (processesOffered()) {
        m_processes->setToolTip(tr("1: train in this program. More: start that many winnow-cli "
                                   "processes through torchrun (data-parallel; see docs/distributed.md)"));
    } else {
        m_processes->setEnabled(false);
        m_processes->setToolTip(tr("Training in several processes needs torchrun (python3-torch), "
                                   "which was not found on PATH"));
    }
    runForm->addRow(tr("Processes:"), m_processes);

    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #c00000;"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Train"));
    connect(buttons, &QDialogButtonBox::accepted, this, &TrainDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* left = new QVBoxLayout;
    left->addWidget(modelBox);
    left->addWidget(optBox);
    left->addWidget(runBox);
    left->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addWidget(lossBox);
    right->addWidget(augBox);
    m_advanced = new TrainAdvancedBox(this);
    right->addWidget(m_advanced);
    right->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    for (QComboBox* c : {m_model, m_loss, m_sampler, m_classWeights})
        connect(c, &QComboBox::currentIndexChanged, this, &TrainDialog::updateEnabled);
    for (QCheckBox* c : {m_cmo, m_augment}) connect(c, &QCheckBox::toggled, this, &TrainDialog::updateEnabled);
    connect(m_browse, &QPushButton::clicked, this, &TrainDialog::browseTorchScript);
    connect(m_preview, &QPushButton::clicked, this, &TrainDialog::openPreview);
    setConfig(rememberedConfig());
    setProcesses(QSettings().value(kProcessesKey, 1).toInt());
}

bool TrainDialog::processesOffered() const { return !torchrunProgram().isEmpty(); }

int TrainDialog::processes() const { return m_processes->value(); }

void TrainDialog::setProcesses(int n) { m_processes->setValue(processesOffered() ? n : 1); }

void TrainDialog::setConfig(const core::TrainConfig& c) {
    m_base = c;
    selectData(m_model, c.model);
    m_scriptPath->setText(QString::fromStdString(c.torchscriptPath));
    m_bottleneck->setValue(c.bottleneck);
    m_epochs->setValue(c.epochs);
    m_batch->setValue(c.batchSize);
    m_lr->setValue(c.lr);
    m_weightDecay->setValue(c.weightDecay);
    selectData(m_schedule, c.schedule);
    selectData(m_loss, c.loss);
    m_focalGamma->setValue(c.focalGamma);
    selectData(m_sampler, c.sampler);
    m_samplerR->setValue(c.samplerR);
    selectData(m_classWeights, c.classWeights);
    m_cmo->setChecked(c.cmo);
    m_cmoProb->setValue(c.cmoProb);
    m_augment->setChecked(c.augment);
    m_cropPadding->setValue(c.cropPadding);
    m_hflip->setChecked(c.hflip);
    // A remembered "cuda" on a machine without one falls back to automatic.
    const bool cudaOk = core::deviceInfo().cudaAvailable;
    selectData(m_device, c.device == "cuda" && !cudaOk ? std::string("auto") : c.device);
    m_threads->setValue(c.threads);
    m_seed->setValue(int(std::min<uint64_t>(c.seed, 2147483647u)));
    m_advanced->setConfig(c);
    updateEnabled();
}

core::TrainConfig TrainDialog::config() const {
    core::TrainConfig c = m_base;
    c.model = dataOf(m_model);
    c.torchscriptPath = c.model == "torchscript" ? m_scriptPath->text().trimmed().toStdString() : std::string();
    c.bottleneck = m_bottleneck->value();
    c.epochs = m_epochs->value();
    c.batchSize = m_batch->value();
    c.lr = m_lr->value();
    c.weightDecay = m_weightDecay->value();
    c.schedule = dataOf(m_schedule);
    c.loss = dataOf(m_loss);
    c.focalGamma = m_focalGamma->value();
    c.sampler = dataOf(m_sampler);
    c.samplerR = m_samplerR->value();
    c.classWeights = dataOf(m_classWeights);
    c.cmo = m_cmo->isChecked();
    c.cmoProb = m_cmoProb->value();
    c.augment = m_augment->isChecked();
    c.cropPadding = m_cropPadding->value();
    c.hflip = m_hflip->isChecked();
    c.device = dataOf(m_device);
    c.threads = m_threads->value();
    c.seed = uint64_t(m_seed->value());
    m_advanced->apply(c);
    return c;
}

QString TrainDialog::validate() const {
    const core::TrainConfig c = config();
    if (c.model == "torchscript") {
        const QString path = QString::fromStdString(c.torchscriptPath);
        if (path.isEmpty()) return tr("Choose the TorchScript file of the backbone.");
        if (!QFileInfo(path).isFile()) return tr("The TorchScript file %1 does not exist.").arg(path);
    }
    if (c.device == "cuda" && !core::deviceInfo().cudaAvailable)
        return tr("CUDA was chosen but LibTorch sees no CUDA device.");
    if (c.cmo && c.epochs <= c.cmoStartEpoch + c.cmoEndMargin)
        return tr("CMO mixes only from epoch %1 until %2 epochs before the end: train for more "
                  "than %3 epochs or turn CMO off.")
            .arg(c.cmoStartEpoch + 1)
            .arg(c.cmoEndMargin)
            .arg(c.cmoStartEpoch + c.cmoEndMargin);
    if (processes() > 1) {
        if (winnowCliProgram().isEmpty())
            return tr("winnow-cli, which runs each of the processes, was not found beside this program "
                      "or on PATH.");
        try {
            core::trainCliArguments(m_file.string(), c);
        } catch (const core::InvalidSetting& e) {
            return QString::fromStdString(e.what());
        }
    }
    return {};
}

void TrainDialog::accept() {
    const QString err = validate();
    m_error->setText(err);
    m_error->setVisible(!err.isEmpty());
    if (!err.isEmpty()) return;
    remember(config());
    QSettings().setValue(kProcessesKey, processes());
    QDialog::accept();
}

core::TrainConfig TrainDialog::rememberedConfig() {
    const QString text = QSettings().value(kSettingsKey).toString();
    if (text.isEmpty()) return {};
    try {
        core::TrainConfig c = core::TrainConfig::fromJson(core::parseJson(text.toStdString(), "remembered training settings"));
        // Per-run fields never carry over from one run to the next.
        const core::TrainConfig fresh;
        c.excludeIds = fresh.excludeIds;
        c.initCheckpoint = fresh.initCheckpoint;
        c.kind = fresh.kind;
        c.parentRun = fresh.parentRun;
        c.resumeRunId = fresh.resumeRunId;
        return c;
    } catch (const std::exception&) {
        return {};  // settings from an incompatible version: start from the defaults
    }
}

void TrainDialog::remember(const core::TrainConfig& cfg) {
    QSettings().setValue(kSettingsKey, QString::fromStdString(core::dumpJson(cfg.toJson())));
}

void TrainDialog::updateEnabled() {
    const bool script = dataOf(m_model) == "torchscript";
    m_scriptPath->setEnabled(script);
    m_browse->setEnabled(script);
    const std::string loss = dataOf(m_loss);
    m_focalGamma->setEnabled(loss == "focal" || loss == "ib-focal");
    m_samplerR->setEnabled(dataOf(m_sampler) == "qr");
    m_cmoProb->setEnabled(m_cmo->isChecked());
    m_preview->setEnabled(m_cmo->isChecked() && !m_file.empty());
    m_cropPadding->setEnabled(m_augment->isChecked());
    m_hflip->setEnabled(m_augment->isChecked());
    if (m_advanced) m_advanced->updateEnabled(config());
}

void TrainDialog::browseTorchScript() {
    const QString f = QFileDialog::getOpenFileName(this, tr("TorchScript backbone"), m_scriptPath->text(),
                                                   tr("TorchScript files (*.pt *.pth);;All files (*)"));
    if (!f.isEmpty()) m_scriptPath->setText(f);
}

void TrainDialog::openPreview() {
    if (m_file.empty()) return;
    auto* dlg = new CmoPreviewDialog(m_file, config(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->show();
}

}  // namespace winnow::widgets
