#pragma once
#include <QWidget>
#include <filesystem>

#include "widgets/retrieval/builtin_train_dialog.h"

class QLabel;
class QPushButton;

namespace winnow::widgets {

class BuiltinTrainCurves;
class BuiltinTrainJob;
class JobRunner;

// One built-in encoder training as the user watches it: the live curves, a status line, Cancel,
// and when the model is written "Evaluate this model…". The job itself runs through the
// JobRunner given (jobs panel: progress, ETA, Cancel).
class BuiltinTrainWindow : public QWidget {
    Q_OBJECT
public:
    BuiltinTrainWindow(JobRunner* runner, QWidget* parent = nullptr);

    // Starts the training; returns the job id (0 when this window already trains).
    int start(const std::filesystem::path& projectFile, const BuiltinTrainRequest& request);

    BuiltinTrainCurves* curves() const { return m_curves; }
    BuiltinTrainJob* job() const { return m_job; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* evaluateButton() const { return m_evaluate; }
    QString model() const { return m_model; }  // the written model, once finished

Q_SIGNALS:
    void modelReady(const QString& model);
    void evaluateRequested(const QString& model);
    void trainingEnded(bool ok, bool cancelled, const QString& error);

private:
    BuiltinTrainCurves* m_curves;
    BuiltinTrainJob* m_job;
    QLabel* m_status;
    QPushButton* m_cancel;
    QPushButton* m_evaluate;
    QString m_model;
};

}  // namespace winnow::widgets
