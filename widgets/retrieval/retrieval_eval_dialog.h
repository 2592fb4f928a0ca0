#pragma once
#include <QDialog>
#include <filesystem>

#include "core/retrieval/retrieval_request.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace winnow::widgets {

// "New evaluation": the caption set, the model (a TorchScript file with an optional
// preprocessing JSON, a built-in encoder file, or the hash demo baseline), the caption attacks
// (the project's RoCOCO-layout sets), the image attacks with seeds, λ and pairing.
class RetrievalEvalDialog : public QDialog {
    Q_OBJECT
public:
    RetrievalEvalDialog(const std::filesystem::path& projectFile, QWidget* parent = nullptr);
    // The request as filled in; valid only when accepted.
    core::RetrievalRequest request() const;
    // Empty when the form can be run, else what is missing (also shown under the form).
    QString problem() const;
    int setCount() const;

    QComboBox* setCombo() const { return m_set; }
    QLineEdit* modelEdit() const { return m_model; }
    QListWidget* captionAttackList() const { return m_captionAttacks; }
    QCheckBox* mixBox() const { return m_mix; }
    QCheckBox* patchBox() const { return m_patch; }
    QLineEdit* seedsEdit() const { return m_seeds; }
    // Built-in encoders (*.wbe) in the project's folder, newest first; picking one fills the
    // model field. offerModel adds `file` (when missing) and selects it (a model just trained).
    QComboBox* trainedModelCombo() const { return m_trained; }
    void offerModel(const QString& file);

private:
    void update();
    QComboBox* m_set;
    QLineEdit* m_model;
    QComboBox* m_trained;
    QLineEdit* m_preprocessing;
    QListWidget* m_captionAttacks;
    QCheckBox* m_mix;
    QCheckBox* m_patch;
    QLineEdit* m_seeds;
    QDoubleSpinBox* m_lambda;
    QComboBox* m_pairing;
    QCheckBox* m_cache;
    QLabel* m_problem;
    QPushButton* m_ok;
};

}  // namespace winnow::widgets
