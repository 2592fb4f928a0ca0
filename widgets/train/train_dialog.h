#pragma once
#include <QDialog>
#include <filesystem>

#include "core/train/train_config.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace winnow::widgets {

class TrainAdvancedBox;

// Settings of a training run: model, schedule, loss, sampler, class weights, CMO,
// augmentation and runtime. Produces a validated core::TrainConfig; the last accepted one is
// remembered in QSettings and preloaded next time. Every widget has an objectName equal to
// its TrainConfig field (tests and style sheets find them by it).
class TrainDialog : public QDialog {
    Q_OBJECT
public:
    // projectFile may be empty: the CMO preview then stays disabled.
    explicit TrainDialog(const std::filesystem::path& projectFile = {}, QWidget* parent = nullptr);

    void setConfig(const core::TrainConfig& cfg);
    core::TrainConfig config() const;
    // Empty when the settings can be trained with, else a readable reason.
    QString validate() const;
    // Processes of the run: 1 trains in this program (a worker thread); N > 1 starts N
    // winnow-cli processes through torchrun (offered only when torchrunProgram() finds one).
    int processes() const;
    void setProcesses(int n);
    bool processesOffered() const;

    static core::TrainConfig rememberedConfig();
    static void remember(const core::TrainConfig& cfg);

public Q_SLOTS:
    void accept() override;
    void openPreview();

private:
    void updateEnabled();
    void browseTorchScript();

    std::filesystem::path m_file;
    QComboBox* m_model;
    QLineEdit* m_scriptPath;
    QPushButton* m_browse;
    QSpinBox* m_bottleneck;
    QSpinBox* m_epochs;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_lr;
    QDoubleSpinBox* m_weightDecay;
    QComboBox* m_schedule;
    QComboBox* m_loss;
    QDoubleSpinBox* m_focalGamma;
    QComboBox* m_sampler;
    QDoubleSpinBox* m_samplerR;
    QComboBox* m_classWeights;
    QCheckBox* m_cmo;
    QDoubleSpinBox* m_cmoProb;
    QPushButton* m_preview;
    QCheckBox* m_augment;
    QSpinBox* m_cropPadding;
    QCheckBox* m_hflip;
    QComboBox* m_device;
    QSpinBox* m_threads;
    QSpinBox* m_seed;
    QSpinBox* m_processes;
    QLabel* m_error;
    TrainAdvancedBox* m_advanced = nullptr;
    core::TrainConfig m_base;  // fields the dialog does not show keep these values
};

}  // namespace winnow::widgets
