#pragma once
#include <QDialog>
#include <QString>
#include <filesystem>

#include "core/retrieval/builtin_encoder.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace winnow::widgets {

// What "Train built-in encoder…" runs: the project's caption set, the training settings and
// the model file to write (inside the project's folder).
struct BuiltinTrainRequest {
    int64_t setId = 0;
    QString setName;
    core::BuiltinTrainOptions options;
    std::filesystem::path model;
};

// The form of "Train built-in encoder…": caption set (from the project), image backbone,
// epochs, batch, learning rate, embedding size, seed and the output .wbe file. problem() says
// in words what is wrong with the values (shown under the form; Train is enabled only when it
// is empty).
class BuiltinTrainDialog : public QDialog {
    Q_OBJECT
public:
    BuiltinTrainDialog(const std::filesystem::path& projectFile, QWidget* parent = nullptr);

    BuiltinTrainRequest request() const;  // valid when problem() is empty
    QString problem() const;

    QComboBox* setCombo() const { return m_set; }
    QComboBox* backboneCombo() const { return m_backbone; }
    QSpinBox* epochsSpin() const { return m_epochs; }
    QSpinBox* batchSpin() const { return m_batch; }
    QLineEdit* lrEdit() const { return m_lr; }
    QSpinBox* dimSpin() const { return m_dim; }
    QLineEdit* seedEdit() const { return m_seed; }
    QLineEdit* outputEdit() const { return m_output; }
    QLabel* problemLabel() const { return m_problem; }
    QPushButton* trainButton() const { return m_ok; }
    // Checks again (a file may have appeared since the last edit) and stays open on a problem.
    void accept() override;

private:
    void update();
    void suggestOutput();

    std::filesystem::path m_projectFile;
    QComboBox* m_set;
    QComboBox* m_backbone;
    QSpinBox* m_epochs;
    QSpinBox* m_batch;
    QLineEdit* m_lr;
    QSpinBox* m_dim;
    QLineEdit* m_seed;
    QLineEdit* m_output;
    QLabel* m_problem;
    QPushButton* m_ok;
    bool m_outputEdited = false;
};

}  // namespace winnow::widgets
