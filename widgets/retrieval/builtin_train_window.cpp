#include "widgets/retrieval/builtin_train_window.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/retrieval/builtin_train_curves.h"
#include "widgets/retrieval/builtin_train_job.h"

namespace winnow::widgets {

namespace {
QString percent(double v) { return v < 0 ? QStringLiteral("–") : QStringLiteral("%1 %").arg(v * 100, 0, 'f', 1); }
}  // namespace

BuiltinTrainWindow::BuiltinTrainWindow(JobRunner* runner, QWidget* parent)
    : QWidget(parent), m_curves(new BuiltinTrainCurves(this)), m_job(new BuiltinTrainJob(runner, this)) {
    setObjectName(QStringLiteral("builtinTrainWindow"));
    setWindowTitle(tr("Built-in encoder training"));
    m_status = new QLabel(tr("Starting…"), this);
    m_status->setWordWrap(true);
    m_cancel = new QPushButton(tr("Cancel training"), this);
    m_evaluate = new QPushButton(tr("Evaluate this model…"), this);
    m_evaluate->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_evaluate);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_curves, 1);
    lay->addLayout(buttons);
    resize(820, 380);

    connect(m_cancel, &QPushButton::clicked, m_job, &BuiltinTrainJob::cancel);
    connect(m_evaluate, &QPushButton::clicked, this, [this] { Q_EMIT evaluateRequested(m_model); });
    connect(m_job, &BuiltinTrainJob::stepDone, this,
            [this](int epoch, qint64 step, qint64 steps, double loss, double temperature) {
                m_curves->addStep(step, loss, temperature);
                m_status->setText(tr("Epoch %1, step %2 of %3: loss %4, temperature %5")
                                      .arg(epoch)
                                      .arg(step)
                                      .arg(steps)
                                      .arg(loss, 0, 'f', 3)
                                      .arg(temperature, 0, 'f', 4));
            });
    connect(m_job, &BuiltinTrainJob::epochDone, this,
            [this](int epoch, int epochs, qint64 step, double loss, double temperature, double i2t, double t2i) {
                m_curves->addEpoch(step, loss, temperature, i2t, t2i);
                m_status->setText(tr("Epoch %1 of %2: mean loss %3, validation R@1 image→text %4, text→image %5")
                                      .arg(epoch)
                                      .arg(epochs)
                                      .arg(loss, 0, 'f', 3)
                                      .arg(percent(i2t), percent(t2i)));
            });
    connect(m_job, &BuiltinTrainJob::finished, this,
            [this](bool ok, bool cancelled, const QString& model, const QString& error) {
                m_cancel->setEnabled(false);
                if (ok) {
                    m_model = model;
                    m_evaluate->setEnabled(true);
                    m_status->setText(tr("Model written: %1 (training history beside it)").arg(model));
                    Q_EMIT modelReady(model);
                } else if (cancelled) {
                    m_status->setText(tr("Cancelled; no model file was written."));
                } else {
                    m_status->setText(tr("Training failed: %1").arg(error));
                }
                Q_EMIT trainingEnded(ok, cancelled, error);
            });
}

int BuiltinTrainWindow::start(const std::filesystem::path& projectFile, const BuiltinTrainRequest& request) {
    if (m_job->isRunning()) return 0;
    m_curves->clear();
    m_model.clear();
    m_evaluate->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Training on %1 → %2")
                          .arg(request.setName, QString::fromStdString(request.model.filename().string())));
    setWindowTitle(tr("Built-in encoder training — %1").arg(QString::fromStdString(request.model.filename().string())));
    return m_job->start(projectFile, request);
}

}  // namespace winnow::widgets
