#pragma once
#include <QObject>
#include <QString>
#include <filesystem>

class QComboBox;

namespace winnow::widgets {

// The "Image encoder…" entry of the Issues and Map docks' features combos (issue 14): the
// features of a dual encoder's image side, "encoder:<model>" (a TorchScript CLIP-family model
// file, a built-in encoder file, or hash-demo). Choosing the entry asks for the model (the
// model last chosen for the project is offered); the choice is kept per project in QSettings
// ("curation/encoderByProject/<percent-encoded absolute project path>"). Cancelling the
// question without a model goes back to the entry chosen before.
class EncoderFeaturesChoice : public QObject {
    Q_OBJECT
public:
    // Becomes the combo's child; the combo's owner calls addEntry() after each refill.
    explicit EncoderFeaturesChoice(QComboBox* combo);

    // The project whose remembered model the entry offers (empty: none).
    void setProject(const std::filesystem::path& file);
    // Appends the entry (data "encoder:<model>"; "encoder:" until a model is chosen).
    void addEntry();
    // Sets, remembers for the project and selects the model (what the question does).
    void setModel(const QString& model);
    QString model() const { return m_model; }

    static QString rememberedModel(const std::filesystem::path& file);

private:
    void activated(int index);
    int entryIndex() const;
    QString entryText() const;

    QComboBox* m_combo;
    std::filesystem::path m_file;
    QString m_model;
    int m_previous = 0;  // the entry chosen before the question
};

}  // namespace winnow::widgets
